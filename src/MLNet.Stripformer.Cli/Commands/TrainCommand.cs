using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Degradations;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Training;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary>
/// <c>stripformer train --train DIR --val DIR --output DIR [...]</c>: makes (blurred, sharp) pairs from sharp photos
/// with blur synthesis (the report's kernels by default), trains a Stripformer with progress, and writes
/// <c>last.ckpt</c>, <c>best.ckpt</c>, <c>metrics.csv</c> and the loss/PSNR plot <c>curves.png</c> to the output directory.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var train = new Option<string>("--train") { Description = "Directory of sharp training photos.", Required = true };
        var val = new Option<string?>("--val") { Description = "Directory of sharp validation photos (validation PSNR each epoch, best checkpoint, early stopping)." };
        var output = new Option<string>("--output", "-o") { Description = "Directory for checkpoints and metrics.csv.", Required = true };
        var config = new Option<string>("--config") { Description = "seed or paper.", DefaultValueFactory = _ => "seed" };
        var recipe = new Option<TrainingRecipe>("--recipe") { Description = "None (crops 256, flips, Adam 1e-4), Report or Paper; flags below override it.", DefaultValueFactory = _ => TrainingRecipe.None };
        var kernel = new Option<string>("--kernel", "-k") { Description = "Blur kernels for the pairs (as in 'blur'); every photo is paired with each.", DefaultValueFactory = _ => "report" };
        var degrade = new Option<string?>("--degrade") { Description = "Degradations after each kernel, drawn per pair, e.g. \"gaussian:0.3-2.5|motion:3-15|disk:1-4|none;noise:0-3;jpeg:60-98\" (steps by ';', alternatives by '|'); list custom:1x1:1 N times in --kernel for N random copies per photo." };
        var crop = new Option<int?>("--crop") { Description = "Crop side (multiple of 4; 0: whole images)." };
        var batch = new Option<int?>("--batch") { Description = "Crops per step." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs." };
        var lr = new Option<double?>("--lr") { Description = "Learning rate." };
        var schedule = new Option<LearningRateSchedule?>("--schedule") { Description = "Constant or Cosine." };
        var output_mode = new Option<StripformerOutput?>("--output-mode") { Description = "Sigmoid (the report) or Residual (starts near the identity)." };
        var precision = new Option<TrainingPrecision>("--precision") { Description = "Auto, Float32 or BFloat16.", DefaultValueFactory = _ => TrainingPrecision.Auto };
        var device = new Option<ComputeDevice>("--device") { Description = "Auto, Cpu or Cuda.", DefaultValueFactory = _ => ComputeDevice.Auto };
        var patience = new Option<int?>("--patience") { Description = "Early stopping: epochs without a better validation PSNR." };
        var cropsPerImage = new Option<int?>("--crops-per-image") { Description = "Random crops per pair per epoch." };
        var resume = new Option<bool>("--resume") { Description = "Continue from OUTPUT/last.ckpt." };
        var init = new Option<string?>("--init") { Description = "Start from these weights (our checkpoint or a PyTorch .pth)." };
        var vgg = new Option<string?>("--vgg") { Description = "The contrastive loss's feature network: a torchvision VGG19 state_dict (.pth) or a ResNet-18 ONNX (default: the bundled ResNet-18)." };
        var contrastive = new Option<double?>("--contrastive-weight") { Description = "Weight of the contrastive loss (default 0.0005; 0 turns it off)." };
        var charbonnierWeight = new Option<double?>("--charbonnier-weight") { Description = "Weight of the Charbonnier loss (default 1)." };
        var mseWeight = new Option<double?>("--mse-weight") { Description = "Weight of a mean squared error loss (default 0; the shipped model's first stage used 1 with --charbonnier-weight 0 --edge-weight 0)." };
        var psnrWeight = new Option<double?>("--psnr-weight") { Description = "Weight of a PSNR loss, each crop's negative PSNR in dB averaged over the batch (default 0; the shipped model's second stage used 1 alone)." };
        var psnrCeiling = new Option<double?>("--psnr-ceiling") { Description = "The PSNR loss's ceiling in dB: crops better than this earn it nothing more (default 60)." };
        var edgeWeight = new Option<double?>("--edge-weight") { Description = "Weight of the edge loss (default 0.05)." };
        var identityStart = new Option<bool>("--identity-start") { Description = "Start a fresh Residual network as the exact identity (its last convolution zeroed), as the shipped model's first stage was." };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, crops and augmentation.", DefaultValueFactory = _ => 1 };
        var cache = new Option<bool>("--cache") { Description = "Keep the decoded and blurred pairs in memory after the first epoch (24 bytes per pixel of each pair; for machines with RAM to spare, e.g. GPU hosts)." };
        var command = new Command("train", "Train a Stripformer on pairs blurred from sharp photos.")
        {
            train, val, output, config, recipe, kernel, degrade, crop, batch, epochs, lr, schedule, output_mode, precision, device, patience, cropsPerImage, resume, init, vgg, contrastive, charbonnierWeight, mseWeight, psnrWeight, psnrCeiling, edgeWeight, identityStart, seed, cache,
        };
        CommandRunner.SetAction(command, context, (r, cancellationToken) =>
        {
            var ml = new MLContext(r.GetValue(seed));
            var options = StripformerTrainerOptions.ForRecipe(r.GetValue(recipe));
            options.Config = StripformerConfig.FromName(r.GetValue(config)!);
            options.Output = r.GetValue(output_mode);
            options.CropSize = r.GetValue(crop) ?? options.CropSize;
            options.BatchSize = r.GetValue(batch) ?? options.BatchSize;
            options.Epochs = r.GetValue(epochs) ?? options.Epochs;
            options.LearningRate = r.GetValue(lr) ?? options.LearningRate;
            options.Schedule = r.GetValue(schedule) ?? options.Schedule;
            options.MinLearningRate = Math.Min(options.MinLearningRate, options.LearningRate);
            options.CropsPerImage = r.GetValue(cropsPerImage) ?? options.CropsPerImage;
            options.Precision = r.GetValue(precision);
            options.Device = r.GetValue(device);
            options.EarlyStoppingPatience = r.GetValue(patience);
            options.FeatureNetworkPath = r.GetValue(vgg);
            options.ContrastiveWeight = r.GetValue(contrastive) ?? options.ContrastiveWeight;
            options.CharbonnierWeight = r.GetValue(charbonnierWeight) ?? options.CharbonnierWeight;
            options.MeanSquaredWeight = r.GetValue(mseWeight) ?? options.MeanSquaredWeight;
            options.PsnrWeight = r.GetValue(psnrWeight) ?? options.PsnrWeight;
            options.PsnrCeiling = r.GetValue(psnrCeiling) ?? options.PsnrCeiling;
            options.EdgeWeight = r.GetValue(edgeWeight) ?? options.EdgeWeight;
            options.StartAtIdentity = r.GetValue(identityStart);
            options.InitialWeights = r.GetValue(init);
            options.Seed = r.GetValue(seed);
            options.CheckpointDirectory = r.GetValue(output)!;
            options.CancellationToken = cancellationToken;
            if (r.GetValue(resume))
            {
                string last = Path.Combine(options.CheckpointDirectory, "last.ckpt");
                options.ResumeFrom = File.Exists(last) ? last : throw new FileNotFoundException($"--resume: there is no '{last}' to resume from.");
            }

            var kernels = BlurKernels.ParseList(r.GetValue(kernel)!);
            var degradations = r.GetValue(degrade) is { } spec ? DegradationChain.Parse(spec) : null;
            var trainPairs = Pairs(ml, r.GetValue(train)!, kernels, degradations, r.GetValue(seed));
            trainPairs = r.GetValue(cache) ? ml.Data.Cache(trainPairs) : trainPairs;
            string? valDirectory = r.GetValue(val);
            options.ValidationData = valDirectory is null ? null : Pairs(ml, valDirectory, kernels, degradations, seed: 0);
            return Execute(context, ml, options, trainPairs);
        });
        return command;
    }

    private static IDataView Pairs(MLContext ml, string directory, IReadOnlyList<BlurKernel> kernels, DegradationChain? degradations, int seed) =>
        ml.Deblurring().MakeBlurPairs(ml.Data.LoadImagesFromDirectory(directory), kernels, degradations: degradations, seed: seed);

    private static int Execute(CliContext context, MLContext ml, StripformerTrainerOptions options, IDataView pairs)
    {
        // ML.NET names a channel's source "host; channel", and its Message carries that prefix: print the raw text,
        // without the channel's own trace lines (started, finished, disposed).
        ml.Log += (_, e) =>
        {
            if (e.Kind != Microsoft.ML.Runtime.ChannelMessageKind.Trace && e.Source.StartsWith(nameof(StripformerTrainer), StringComparison.Ordinal))
            {
                context.Error.WriteLine(e.RawMessage);
            }
        };
        TrainingResult? result = null;
        context.Console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("Training", maxValue: options.Epochs);
                options.Progress = new SynchronousProgress<TrainingProgress>(p =>
                {
                    double fraction = p.StepsPerEpoch is > 0 ? Math.Min((double)p.Step / p.StepsPerEpoch.Value, 1) : 0;
                    task.Value = p.EpochCompleted ? p.Epoch : p.Epoch - 1 + fraction;
                    string psnr = p.ValidationPsnr is { } v ? $" val {v:F2} dB" : string.Empty;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} step {p.Step} loss {p.Loss:G3} {p.ImagesPerSecond:F1} img/s{psnr}");
                });
                using var model = ml.Deblurring().Trainers.Stripformer(options).Fit(pairs);
                result = model.Training;
            });

        var table = new Table().Title("Training").AddColumn("Epoch").AddColumn(new TableColumn("Loss").RightAligned()).AddColumn(new TableColumn("Val PSNR (dB)").RightAligned()).AddColumn(new TableColumn("Seconds").RightAligned());
        foreach (var epoch in result!.History)
        {
            table.AddRow(epoch.Epoch.ToString(CultureInfo.InvariantCulture), epoch.Loss.ToString("F5", CultureInfo.InvariantCulture), epoch.ValidationPsnr?.ToString("F2", CultureInfo.InvariantCulture) ?? "-", epoch.Seconds.ToString("F0", CultureInfo.InvariantCulture));
        }

        context.Console.Write(table);
        string curves = Path.Combine(options.CheckpointDirectory!, TrainingCurves.FileName);
        TrainingCurves.Write(curves, result.History, $"Stripformer '{options.Config.Name}' training");
        context.Console.MarkupLine($"Precision {result.Precision}; best epoch {result.BestEpoch}{(result.BestPsnr is { } b ? $" ({b.ToString("F2", CultureInfo.InvariantCulture)} dB)" : string.Empty)}{(result.StoppedEarly ? ", stopped early" : string.Empty)}. Checkpoints in [bold]{Markup.Escape(options.CheckpointDirectory!)}[/].");
        return 0;
    }
}
