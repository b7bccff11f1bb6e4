namespace MLNet.Stripformer.Torch.Training;

/// <summary>How the learning rate changes over training.</summary>
public enum LearningRateSchedule
{
    /// <summary>Constant (the report).</summary>
    Constant,

    /// <summary>Cosine decay from the initial rate to the floor over all steps (the paper).</summary>
    Cosine,
}
