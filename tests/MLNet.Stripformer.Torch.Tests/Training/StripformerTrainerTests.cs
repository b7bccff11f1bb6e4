using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Tests.Support;
using MLNet.Stripformer.Torch.Training;

namespace MLNet.Stripformer.Torch.Tests.Training;

public class StripformerTrainerTests
{
    public StripformerTrainerTests() => TorchRuntime.Initialize();

    [Fact]
    public void A_short_run_lowers_the_loss_and_returns_a_working_transformer()
    {
        var context = new MLContext(seed: 1);
        var options = TrainingData.TinyOptions(context, epochs: 4);
        var progress = new List<TrainingProgress>();
        options.Progress = new ProgressCallback(progress.Add);
        var data = TrainingData.Pairs(context, "crop0.png", "crop1.png");
        using var model = context.Deblurring().Trainers.Stripformer(options).Fit(data);

        var history = model.Training!.History;
        Assert.Equal(4, history.Count);
        Assert.True(history[^1].Loss < history[0].Loss, $"loss {history[0].Loss} -> {history[^1].Loss}");
        Assert.All(history, h => Assert.NotNull(h.ValidationPsnr));
        Assert.Contains(progress, p => p.EpochCompleted && p.ValidationPsnr is not null);
        Assert.All(progress.Where(p => !p.EpochCompleted), p => Assert.True(p.ImagesPerSecond > 0));

        var scored = model.Transform(data);
        var sharp = ImageColumn.Read(scored, "Sharp").First();
        var deblurred = ImageColumn.Read(scored, "Deblurred").First();
        Assert.Equal((sharp.Width, sharp.Height), (deblurred.Width, deblurred.Height));
        Assert.Throws<NotSupportedException>(() => context.Model.Save(model, data.Schema, Path.Combine(Path.GetTempPath(), "never.zip")));
    }

    [Fact]
    public void Checkpoints_and_metrics_are_written_and_the_best_checkpoint_loads()
    {
        using var dir = new TempDirectory();
        var context = new MLContext(seed: 1);
        var options = TrainingData.TinyOptions(context, epochs: 2);
        options.CheckpointDirectory = dir.Path;
        using var model = context.Deblurring().Trainers.Stripformer(options).Fit(TrainingData.Pairs(context, "crop1.png"));
        Assert.True(File.Exists(dir.File("last.ckpt")));
        Assert.True(File.Exists(dir.File("best.ckpt")));
        var csv = File.ReadAllLines(dir.File("metrics.csv"));
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("epoch,steps,loss", csv[0], StringComparison.Ordinal);
        using var best = TrainingCheckpoint.LoadNetwork(dir.File("best.ckpt"));
        Assert.Equal(model.Training!.BestEpoch, TrainingCheckpoint.ReadState(dir.File("best.ckpt")).CompletedEpochs);
    }

    [Fact]
    public void A_fresh_residual_network_starts_as_the_exact_identity()
    {
        var context = new MLContext(seed: 1);
        var options = WithoutLearning(TrainingData.TinyOptions(context, epochs: 1));
        options.StartAtIdentity = true;
        var data = TrainingData.Pairs(context, "crop1.png");
        using var model = context.Deblurring().Trainers.Stripformer(options).Fit(data);

        var scored = model.Transform(data);
        var blurred = ImageColumn.Read(scored, "Blurred").First();
        var deblurred = ImageColumn.Read(scored, "Deblurred").First();
        Assert.Equal(blurred.Pixels, deblurred.Pixels);
    }

    [Fact]
    public void The_mean_squared_term_alone_trains_and_the_other_terms_are_still_reported()
    {
        var history = TrainWithOneTerm(o => o.MeanSquaredWeight = 1);
        Assert.All(history, h => Assert.True(h.Charbonnier > h.Loss, $"Charbonnier {h.Charbonnier}, mean squared {h.Loss}"));
    }

    [Fact]
    public void The_psnr_term_alone_trains_and_its_loss_is_the_negative_psnr_of_the_training_crops()
    {
        var history = TrainWithOneTerm(o => o.PsnrWeight = 1);
        Assert.All(history, h => Assert.InRange(h.Loss, -60, 0));
    }

    /// <summary>Four tiny epochs with only the term that <paramref name="enable"/> weights; loss and validation must improve.</summary>
    private static IReadOnlyList<EpochMetrics> TrainWithOneTerm(Action<StripformerTrainerOptions> enable)
    {
        var context = new MLContext(seed: 1);
        var options = TrainingData.TinyOptions(context, epochs: 4);
        (options.CharbonnierWeight, options.EdgeWeight, options.ContrastiveWeight) = (0, 0, 0);
        enable(options);
        using var model = context.Deblurring().Trainers.Stripformer(options).Fit(TrainingData.Pairs(context, "crop0.png", "crop1.png"));

        var history = model.Training!.History;
        Assert.True(history[^1].Loss < history[0].Loss, $"loss {history[0].Loss} -> {history[^1].Loss}");
        Assert.True(history[^1].ValidationPsnr > history[0].ValidationPsnr, $"validation {history[0].ValidationPsnr} -> {history[^1].ValidationPsnr} dB");
        return history;
    }

    [Fact]
    public void Early_stopping_ends_a_run_whose_validation_psnr_does_not_improve()
    {
        var context = new MLContext(seed: 1);
        var options = WithoutLearning(TrainingData.TinyOptions(context, epochs: 6));
        options.EarlyStoppingPatience = 1;
        using var model = context.Deblurring().Trainers.Stripformer(options).Fit(TrainingData.Pairs(context, "crop1.png"));
        Assert.True(model.Training!.StoppedEarly);
        Assert.Equal(2, model.Training.History.Count);
    }

    [Fact]
    public void Recipes_set_the_documented_values_and_the_report_recipe_trains_on_resized_whole_images()
    {
        var report = StripformerTrainerOptions.ForRecipe(TrainingRecipe.Report);
        Assert.Equal(((int, int)?)(448, 256), report.ResizeTo);
        Assert.Equal((0, false, 1e-3, 16, 10, LearningRateSchedule.Constant), (report.CropSize, report.Augment, report.LearningRate, report.BatchSize, report.Epochs, report.Schedule));
        var paper = StripformerTrainerOptions.ForRecipe(TrainingRecipe.Paper);
        Assert.Equal((256, true, 1e-4, 1e-7, 8, LearningRateSchedule.Cosine), (paper.CropSize, paper.Augment, paper.LearningRate, paper.MinLearningRate, paper.BatchSize, paper.Schedule));

        var context = new MLContext(seed: 1);
        report.Config = TrainingData.TinyOptions(context).Config;
        report.ResizeTo = (48, 32);
        report.BatchSize = 2;
        report.Epochs = 1;
        report.Precision = TrainingPrecision.Float32;
        report.Device = ComputeDevice.Cpu;
        report.Seed = 1;
        using var model = context.Deblurring().Trainers.Stripformer(report).Fit(TrainingData.Pairs(context, "crop0.png", "crop1.png"));
        Assert.Equal(1, model.Training!.History[0].Steps);
    }

    /// <summary>The options with a learning rate too small to change any weight.</summary>
    private static StripformerTrainerOptions WithoutLearning(StripformerTrainerOptions options)
    {
        (options.LearningRate, options.MinLearningRate) = (1e-30, 0);
        return options;
    }

    /// <summary>One invalid value for every option the trainer validates.</summary>
    private static readonly Dictionary<string, Action<StripformerTrainerOptions>> InvalidOptions = new()
    {
        ["BlurredColumnName"] = o => o.BlurredColumnName = " ",
        ["SharpColumnName"] = o => o.SharpColumnName = "",
        ["Config"] = o => o.Config = null!,
        ["LatentHeads"] = o => o.Config = o.Config with { LatentHeads = 0 },
        ["StartAtIdentity"] = o => (o.StartAtIdentity, o.Output) = (true, StripformerOutput.Sigmoid),
        ["CropSize"] = o => o.CropSize = 30,
        ["ResizeTo"] = o => o.ResizeTo = (2, 8),
        ["CropsPerImage"] = o => o.CropsPerImage = 0,
        ["BatchSize"] = o => o.BatchSize = 0,
        ["Epochs"] = o => o.Epochs = -1,
        ["LearningRate"] = o => o.LearningRate = double.NaN,
        ["MinLearningRate"] = o => o.MinLearningRate = 1,
        ["GradientClipNorm"] = o => o.GradientClipNorm = 0,
        ["CharbonnierWeight"] = o => o.CharbonnierWeight = -1,
        ["MeanSquaredWeight"] = o => o.MeanSquaredWeight = double.NaN,
        ["PsnrWeight"] = o => o.PsnrWeight = -2,
        ["PsnrCeiling"] = o => o.PsnrCeiling = 0,
        ["EdgeWeight"] = o => o.EdgeWeight = double.PositiveInfinity,
        ["ContrastiveWeight"] = o => o.ContrastiveWeight = -0.5,
        ["ValidationCropSize"] = o => o.ValidationCropSize = 6,
        ["EarlyStoppingPatience"] = o => o.EarlyStoppingPatience = 0,
        ["PrefetchBatches"] = o => o.PrefetchBatches = 0,
        ["Schedule"] = o => o.Schedule = (LearningRateSchedule)7,
        ["ResumeFrom"] = o => o.ResumeFrom = "/no/such/last.ckpt",
        ["InitialWeights"] = o => o.InitialWeights = "/no/such/weights.pth",
        ["FeatureNetworkPath"] = o => o.FeatureNetworkPath = "/no/such/vgg19.pth",
    };

    public static TheoryData<string> InvalidOptionNames => new(InvalidOptions.Keys);

    [Theory]
    [MemberData(nameof(InvalidOptionNames))]
    public void Invalid_options_are_named(string option)
    {
        var context = new MLContext(seed: 1);
        var options = TrainingData.TinyOptions(context);
        InvalidOptions[option](options);
        var ex = Assert.ThrowsAny<ArgumentException>(() => context.Deblurring().Trainers.Stripformer(options));
        Assert.Contains(option, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crops_larger_than_the_images_and_missing_columns_are_named()
    {
        var context = new MLContext(seed: 1);
        var options = TrainingData.TinyOptions(context);
        options.CropSize = 512;
        var ex = Assert.Throws<ArgumentException>(() => context.Deblurring().Trainers.Stripformer(options).Fit(TrainingData.Pairs(context, "crop1.png")));
        Assert.Contains("CropSize 512", ex.Message, StringComparison.Ordinal);
        options.CropSize = 32;
        options.BlurredColumnName = "Input";
        var missing = Assert.Throws<ArgumentException>(() => context.Deblurring().Trainers.Stripformer(options).Fit(TrainingData.Pairs(context, "crop1.png")));
        Assert.Contains("'Input'", missing.Message, StringComparison.Ordinal);
    }
}
