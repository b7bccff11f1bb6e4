namespace MLNet.Stripformer.Torch.Training;

/// <summary>One epoch's summary, as written to <c>metrics.csv</c> and kept in checkpoints.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Steps">Steps in the epoch.</param>
/// <param name="Loss">Mean total loss.</param>
/// <param name="Charbonnier">Mean Charbonnier term.</param>
/// <param name="Edge">Mean edge term.</param>
/// <param name="Contrastive">Mean contrastive term.</param>
/// <param name="LearningRate">Learning rate at the end of the epoch.</param>
/// <param name="ValidationPsnr">Mean validation PSNR in dB, or null without validation data.</param>
/// <param name="Seconds">Wall time of the epoch (training and validation).</param>
public sealed record EpochMetrics(int Epoch, int Steps, double Loss, double Charbonnier, double Edge, double Contrastive, double LearningRate, double? ValidationPsnr, double Seconds);
