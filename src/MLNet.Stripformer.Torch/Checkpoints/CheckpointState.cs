using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Training;

namespace MLNet.Stripformer.Torch.Checkpoints;

/// <summary>Everything in a checkpoint besides the tensors.</summary>
/// <param name="Config">The network configuration (output form included).</param>
/// <param name="CompletedEpochs">Epochs fully done.</param>
/// <param name="StepInEpoch">Steps done in the epoch after those (non-zero only for a checkpoint saved on cancel).</param>
/// <param name="GlobalStep">Steps done in all.</param>
/// <param name="Seed">The training seed (crops and augmentation are derived from it and the epoch).</param>
/// <param name="BestPsnr">Best validation PSNR so far, or null.</param>
/// <param name="BestEpoch">The epoch that reached it (0 if none).</param>
/// <param name="EpochsWithoutImprovement">Epochs since the best one (for early stopping).</param>
/// <param name="Precision">The precision training used ("Float32" or "BFloat16").</param>
/// <param name="History">Per-epoch metrics.</param>
/// <param name="ProjectVersion">Version of MLNet.Stripformer that wrote the checkpoint.</param>
public sealed record CheckpointState(
    StripformerConfig Config,
    int CompletedEpochs,
    int StepInEpoch,
    long GlobalStep,
    int Seed,
    double? BestPsnr,
    int BestEpoch,
    int EpochsWithoutImprovement,
    string Precision,
    IReadOnlyList<EpochMetrics> History,
    string ProjectVersion);
