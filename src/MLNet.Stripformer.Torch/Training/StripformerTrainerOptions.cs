using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>Options of <see cref="StripformerTrainer"/>. Start from <see cref="ForRecipe"/> to get a recipe's values.</summary>
public sealed class StripformerTrainerOptions
{
    /// <summary>The blurred (input) image column.</summary>
    public string BlurredColumnName { get; set; } = "Blurred";

    /// <summary>The sharp (target) image column.</summary>
    public string SharpColumnName { get; set; } = "Sharp";

    /// <summary>The network configuration (<see cref="StripformerConfig.Seed"/> by default).</summary>
    public StripformerConfig Config { get; set; } = StripformerConfig.Seed;

    /// <summary>Overrides the configuration's output form (sigmoid or plain residual) when set.</summary>
    public StripformerOutput? Output { get; set; }

    /// <summary>
    /// Start a fresh network with the residual output as the exact identity by zeroing its last convolution (how the
    /// shipped model was trained); not used with <see cref="InitialWeights"/> or <see cref="ResumeFrom"/>.
    /// </summary>
    public bool StartAtIdentity { get; set; }

    /// <summary>Side of the square random crops; 0 trains on whole images (they must then share one size).</summary>
    public int CropSize { get; set; } = 256;

    /// <summary>Resize both images to this size (width, height) before cropping, as the report did; null: no resize.</summary>
    public (int Width, int Height)? ResizeTo { get; set; }

    /// <summary>Random horizontal and vertical flips and 90-degree rotations of each crop (square crops only).</summary>
    public bool Augment { get; set; } = true;

    /// <summary>Random crops taken from each pair per epoch.</summary>
    public int CropsPerImage { get; set; } = 1;

    /// <summary>Crops per step.</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>Passes over the training pairs.</summary>
    public int Epochs { get; set; } = 10;

    /// <summary>Adam's learning rate (betas 0.9 / 0.999, no weight decay).</summary>
    public double LearningRate { get; set; } = 1e-4;

    /// <summary>Constant or cosine.</summary>
    public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.Constant;

    /// <summary>The cosine schedule's floor.</summary>
    public double MinLearningRate { get; set; } = 1e-7;

    /// <summary>Clip the gradients' global norm to this value; null: no clipping.</summary>
    public double? GradientClipNorm { get; set; }

    /// <summary>Weight of the Charbonnier term.</summary>
    public double CharbonnierWeight { get; set; } = 1.0;

    /// <summary>
    /// Weight of a mean squared error term (0 by default, as in the report and the paper). PSNR is a function of the mean
    /// squared error, and near the identity this term gives the useful gradient: the Charbonnier term's gradient there is
    /// about the sign of the residual, which on 8-bit photos is mostly the sign of quantisation noise (see the model card).
    /// </summary>
    public double MeanSquaredWeight { get; set; }

    /// <summary>
    /// Weight of a PSNR term (0 by default): the mean over the batch of each crop's negative PSNR in dB
    /// (<see cref="Losses.PsnrLoss"/>). Unlike the mean squared error, it gives smooth and near-sharp crops as much say
    /// as heavily blurred ones, which is what the mean PSNR of a set of photos rewards.
    /// </summary>
    public double PsnrWeight { get; set; }

    /// <summary>
    /// The PSNR term's ceiling in dB (default 60): a crop better than this earns the term nothing more, so near-sharp and
    /// identity crops, whose error is tiny, do not outweigh blurred ones (the term weights each crop by the inverse of its
    /// error plus <c>10^(-ceiling / 10)</c>). Lowering it trades sharp-photo safety for blur removal: fine-tuning the
    /// shipped model with 50 dB gained 0.1-0.5 dB on blurred photos but brought a sharp one down to 43 dB (model card).
    /// </summary>
    public double PsnrCeiling { get; set; } = Losses.PsnrLoss.DefaultCeilingDb;

    /// <summary>Weight of the edge term.</summary>
    public double EdgeWeight { get; set; } = 0.05;

    /// <summary>Weight of the contrastive term (needs a feature network; without one it is disabled with a logged
    /// warning).</summary>
    public double ContrastiveWeight { get; set; } = 0.0005;

    /// <summary>The contrastive loss's frozen feature network: a torchvision VGG19 <c>state_dict</c> (<c>.pth</c>;
    /// <c>features[0:12]</c>, to relu3_1, as the reference) or the ML.NET ResNet-18 ONNX model (<c>.onnx</c>; its first
    /// residual stage). Null: the ResNet-18 of the <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package when the
    /// application references it (works offline), otherwise none.</summary>
    public string? FeatureNetworkPath { get; set; }

    /// <summary>Float32, bfloat16 mixed precision, or automatic.</summary>
    public TrainingPrecision Precision { get; set; } = TrainingPrecision.Auto;

    /// <summary>Where to train.</summary>
    public ComputeDevice Device { get; set; } = ComputeDevice.Auto;

    /// <summary>Validation pairs (same column names); null: no validation, the last epoch is kept.</summary>
    public Microsoft.ML.IDataView? ValidationData { get; set; }

    /// <summary>Side of the centre crop each validation pair is scored on; 0: whole images.</summary>
    public int ValidationCropSize { get; set; } = 256;

    /// <summary>Stop after this many epochs without a better validation PSNR; null: never stop early.</summary>
    public int? EarlyStoppingPatience { get; set; }

    /// <summary>Where <c>last.ckpt</c>, <c>best.ckpt</c> and <c>metrics.csv</c> go; null: no files.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Continue from this checkpoint (weights, optimizer, epoch and step).</summary>
    public string? ResumeFrom { get; set; }

    /// <summary>Start from these weights (a checkpoint of ours or a PyTorch <c>.pth</c>) with a fresh optimizer.</summary>
    public string? InitialWeights { get; set; }

    /// <summary>Seed of weight initialisation, crops and augmentation; null: drawn from the MLContext's seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Batches prepared ahead by the background loader.</summary>
    public int PrefetchBatches { get; set; } = 2;

    /// <summary>Told about every step and every epoch.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>Stops training cleanly after the current step, saving <c>last.ckpt</c> first.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Options with a recipe's values.</summary>
    /// <param name="recipe">The recipe.</param>
    public static StripformerTrainerOptions ForRecipe(TrainingRecipe recipe) => recipe switch
    {
        TrainingRecipe.Report => new StripformerTrainerOptions
        {
            ResizeTo = (448, 256),
            CropSize = 0,
            Augment = false,
            LearningRate = 1e-3,
            Schedule = LearningRateSchedule.Constant,
            BatchSize = 16,
            Epochs = 10,
        },
        TrainingRecipe.Paper => new StripformerTrainerOptions
        {
            CropSize = 256,
            Augment = true,
            LearningRate = 1e-4,
            Schedule = LearningRateSchedule.Cosine,
            MinLearningRate = 1e-7,
            BatchSize = 8,
        },
        TrainingRecipe.None => new StripformerTrainerOptions(),
        _ => throw new ArgumentOutOfRangeException(nameof(recipe), recipe, "Unknown recipe."),
    };

    /// <summary>The configuration of the network trained: <see cref="Config"/> with <see cref="Output"/> applied.</summary>
    internal StripformerConfig NetworkConfig => Output is { } output ? Config with { Output = output } : Config;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(BlurredColumnName), nameof(BlurredColumnName), "must not be empty");
        Require(!string.IsNullOrWhiteSpace(SharpColumnName), nameof(SharpColumnName), "must not be empty");
        Require(Config is not null, nameof(Config), "must be set");
        Config!.Validate();
        Require(!StartAtIdentity || NetworkConfig.Output == StripformerOutput.Residual, nameof(StartAtIdentity), "needs the Residual output (a sigmoid output is not the identity at d = 0)");
        Require(CropSize == 0 || (CropSize >= 4 && CropSize % 4 == 0), nameof(CropSize), "must be 0 (whole images) or a positive multiple of 4");
        Require(ResizeTo is null || (ResizeTo.Value.Width >= 4 && ResizeTo.Value.Height >= 4), nameof(ResizeTo), "must be at least 4x4");
        Require(CropsPerImage >= 1, nameof(CropsPerImage), "must be at least 1");
        Require(BatchSize >= 1, nameof(BatchSize), "must be at least 1");
        Require(Epochs >= 1, nameof(Epochs), "must be at least 1");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, nameof(LearningRate), "must be a positive number");
        Require(double.IsFinite(MinLearningRate) && MinLearningRate >= 0 && MinLearningRate <= LearningRate, nameof(MinLearningRate), "must be between 0 and LearningRate");
        Require(GradientClipNorm is null || (double.IsFinite(GradientClipNorm.Value) && GradientClipNorm > 0), nameof(GradientClipNorm), "must be positive");
        foreach (var (value, name) in new[] { (CharbonnierWeight, nameof(CharbonnierWeight)), (MeanSquaredWeight, nameof(MeanSquaredWeight)), (PsnrWeight, nameof(PsnrWeight)), (EdgeWeight, nameof(EdgeWeight)), (ContrastiveWeight, nameof(ContrastiveWeight)) })
        {
            Require(double.IsFinite(value) && value >= 0, name, "must be a non-negative number");
        }

        Require(double.IsFinite(PsnrCeiling) && PsnrCeiling > 0, nameof(PsnrCeiling), "must be a positive number of dB");
        Require(ValidationCropSize == 0 || (ValidationCropSize >= 4 && ValidationCropSize % 4 == 0), nameof(ValidationCropSize), "must be 0 or a positive multiple of 4");
        Require(EarlyStoppingPatience is null || EarlyStoppingPatience >= 1, nameof(EarlyStoppingPatience), "must be at least 1");
        Require(PrefetchBatches >= 1, nameof(PrefetchBatches), "must be at least 1");
        Require(Enum.IsDefined(Schedule) && Enum.IsDefined(Precision) && Enum.IsDefined(Device), nameof(Schedule), "Schedule, Precision and Device must be defined values");
        Require(ResumeFrom is null || File.Exists(ResumeFrom), nameof(ResumeFrom), $"'{ResumeFrom}' does not exist");
        Require(InitialWeights is null || File.Exists(InitialWeights), nameof(InitialWeights), $"'{InitialWeights}' does not exist");
        Require(FeatureNetworkPath is null || File.Exists(FeatureNetworkPath), nameof(FeatureNetworkPath), $"'{FeatureNetworkPath}' does not exist");
    }

    private static void Require(bool condition, string option, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"{option} {message}.", option);
        }
    }
}
