namespace MLNet.Stripformer.Torch.Training;

/// <summary>The learning rate of a step.</summary>
internal static class LearningRates
{
    /// <summary>
    /// Constant, or cosine from the initial rate to the floor over the planned epochs. Within an epoch the position
    /// advances by step over the previous epoch's step count (unknown in the first epoch, which keeps its start rate).
    /// </summary>
    public static double At(StripformerTrainerOptions options, int epoch, int step, int? stepsPerEpoch)
    {
        if (options.Schedule == LearningRateSchedule.Constant)
        {
            return options.LearningRate;
        }

        double within = stepsPerEpoch is > 0 ? Math.Min((double)(step - 1) / stepsPerEpoch.Value, 1) : 0;
        double progress = Math.Clamp((epoch - 1 + within) / options.Epochs, 0, 1);
        return options.MinLearningRate + ((options.LearningRate - options.MinLearningRate) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
