using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Training;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary>
/// <c>stripformer bench-train [--config seed] [--crop 128] [--batch 4] [--steps 10] [--precision ...] [--device ...]</c>:
/// training throughput through the public trainer on one in-memory photo (so the loader costs next to nothing),
/// after a two-step warm-up; prints images per second.
/// </summary>
internal static class BenchTrainCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Option<string>("--config") { Description = "seed or paper.", DefaultValueFactory = _ => "seed" };
        var crop = new Option<int>("--crop") { Description = "Crop side.", DefaultValueFactory = _ => 128 };
        var batch = new Option<int>("--batch") { Description = "Crops per step.", DefaultValueFactory = _ => 4 };
        var steps = new Option<int>("--steps") { Description = "Timed steps.", DefaultValueFactory = _ => 10 };
        var precision = new Option<TrainingPrecision>("--precision") { Description = "Float32 or BFloat16 (Auto picks).", DefaultValueFactory = _ => TrainingPrecision.Float32 };
        var device = new Option<ComputeDevice>("--device") { Description = "Auto, Cpu or Cuda.", DefaultValueFactory = _ => ComputeDevice.Cpu };
        var photo = new Option<string>("--photo") { Description = "The photo to crop from.", DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "samples", "photos", "scribus-template__br2_sunset.jpg") };
        var command = new Command("bench-train", "Measure training images per second (synthetic pairs from one photo).") { config, crop, batch, steps, precision, device, photo };
        CommandRunner.SetAction(command, context, (r, _) =>
        {
            var ml = new MLContext(seed: 1);
            var sharp = ml.Data.LoadImage(r.GetValue(photo)!);
            var pairs = ml.Data.Cache(BlurPairs.Expand(ml, sharp, [BlurKernel.Gaussian(11, 1.6)]));
            StripformerTrainerOptions Options(int count) => new()
            {
                Config = StripformerConfig.FromName(r.GetValue(config)!) with { Output = StripformerOutput.Residual },
                CropSize = r.GetValue(crop),
                BatchSize = r.GetValue(batch),
                CropsPerImage = count * r.GetValue(batch),
                Epochs = 1,
                Precision = r.GetValue(precision),
                Device = r.GetValue(device),
                ContrastiveWeight = 0,
                Seed = 1,
            };
            TrainingPrecision used;
            using (var warmUp = ml.Deblurring().Trainers.Stripformer(Options(2)).Fit(pairs))
            {
                used = warmUp.Training!.Precision;
            }

            var clock = Stopwatch.StartNew();
            using (ml.Deblurring().Trainers.Stripformer(Options(r.GetValue(steps))).Fit(pairs))
            {
                clock.Stop();
            }

            double images = (double)r.GetValue(steps) * r.GetValue(batch);
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.GetValue(config)} crop {r.GetValue(crop)} batch {r.GetValue(batch)} {used} on {r.GetValue(device)}: {r.GetValue(steps)} steps in {clock.Elapsed.TotalSeconds:F2} s = {images / clock.Elapsed.TotalSeconds:F2} images/s"));
            return 0;
        });
        return command;
    }
}
