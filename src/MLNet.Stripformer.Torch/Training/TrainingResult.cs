namespace MLNet.Stripformer.Torch.Training;

/// <summary>What a training run achieved.</summary>
/// <param name="History">Per-epoch metrics, resumed epochs included.</param>
/// <param name="BestPsnr">Best validation PSNR, or null without validation.</param>
/// <param name="BestEpoch">The epoch whose weights the trained model has (the best, or the last without validation).</param>
/// <param name="StoppedEarly">True when early stopping ended the run.</param>
/// <param name="Precision">The precision used.</param>
public sealed record TrainingResult(IReadOnlyList<EpochMetrics> History, double? BestPsnr, int BestEpoch, bool StoppedEarly, TrainingPrecision Precision);
