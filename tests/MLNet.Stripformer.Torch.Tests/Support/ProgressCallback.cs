using MLNet.Stripformer.Torch.Training;

namespace MLNet.Stripformer.Torch.Tests.Support;

/// <summary>Calls back on every training progress report, on the training thread.</summary>
internal sealed class ProgressCallback(Action<TrainingProgress> action) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => action(value);
}
