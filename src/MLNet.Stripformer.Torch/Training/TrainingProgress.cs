namespace MLNet.Stripformer.Torch.Training;

/// <summary>Where training is, reported after every step (and with <see cref="ValidationPsnr"/> after every epoch).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="Step">1-based step within the epoch.</param>
/// <param name="StepsPerEpoch">Steps per epoch, once known (after the first epoch); null before.</param>
/// <param name="GlobalStep">Steps since training began (resumed runs included).</param>
/// <param name="Loss">Total loss of the step.</param>
/// <param name="Charbonnier">Charbonnier term.</param>
/// <param name="Edge">Edge term (unweighted).</param>
/// <param name="Contrastive">Contrastive term (unweighted); 0 when disabled.</param>
/// <param name="LearningRate">Learning rate of the step.</param>
/// <param name="ImagesPerSecond">Training crops per second over the epoch so far.</param>
/// <param name="Eta">Estimated time to the end of training, once known.</param>
/// <param name="ValidationPsnr">The latest validation PSNR in dB, or null.</param>
/// <param name="EpochCompleted">True for the report sent at the end of an epoch (after validation).</param>
public sealed record TrainingProgress(
    int Epoch, int Epochs, int Step, int? StepsPerEpoch, long GlobalStep, double Loss, double Charbonnier, double Edge, double Contrastive,
    double LearningRate, double ImagesPerSecond, TimeSpan? Eta, double? ValidationPsnr, bool EpochCompleted);
