using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Training;

namespace MLNet.Stripformer;

/// <summary>The Stripformer trainer on <c>mlContext.Deblurring().Trainers</c>.</summary>
public static class StripformerTrainerCatalog
{
    /// <summary>A trainer for a Stripformer deblurring network (TorchSharp; CUDA when usable, else CPU).</summary>
    /// <param name="trainers">The deblurring trainers catalog.</param>
    /// <param name="options">Options; <see cref="StripformerTrainerOptions.ForRecipe"/> gives the report's or the paper's.</param>
    public static StripformerTrainer Stripformer(this DeblurringTrainers trainers, StripformerTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trainers);
        TorchRuntime.Initialize();
        return new StripformerTrainer(trainers.Context, options ?? new StripformerTrainerOptions());
    }
}
