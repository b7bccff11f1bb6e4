using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Persistence;
using MLNet.Stripformer.Scoring;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary>
/// <c>stripformer bench --model FILE --width W --height H [--runs N] [--threads N] [--tile N] [--json FILE]</c>:
/// deblurs a W x H crop of a sample photo through the ML.NET Deblur transform after one warm-up run, and prints the
/// median milliseconds per image, megapixels per second and the process's peak resident memory.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string?>("--model") { Description = "The ONNX model; default: the shipped model." };
        var width = new Option<int>("--width") { Description = "Image width.", DefaultValueFactory = _ => 448 };
        var height = new Option<int>("--height") { Description = "Image height.", DefaultValueFactory = _ => 256 };
        var runs = new Option<int>("--runs") { Description = "Timed runs (after one warm-up).", DefaultValueFactory = _ => 5 };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for ONNX Runtime (default: all cores)." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or auto.", DefaultValueFactory = _ => "cpu" };
        var tile = new Option<int>("--tile") { Description = "Tile side; 0 = whole image.", DefaultValueFactory = _ => DeblurOptions.DefaultTileSize };
        var overlap = new Option<int>("--overlap") { Description = "Pixels shared by neighbouring tiles.", DefaultValueFactory = _ => DeblurOptions.DefaultTileOverlap };
        var json = new Option<string?>("--json") { Description = "Also write the figures to this JSON file." };
        var profile = new Option<string?>("--profile") { Description = "Also run the bare network once in an ONNX Runtime session with its profiler on, writing the trace to this JSON file (summarise it with benchmarks/onnx/profile_summary.py)." };
        var photo = new Option<string>("--photo") { Description = "The photo to resize to W x H.", DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "samples", "photos", "scribus-template__br2_sunset.jpg") };
        var command = new Command("bench", "Measure deblurring speed and peak memory through the ML.NET Deblur transform.") { model, width, height, runs, threads, device, tile, overlap, json, profile, photo };
        CommandRunner.SetAction(command, context, (r, cancellationToken) =>
        {
            int w = r.GetValue(width), h = r.GetValue(height), count = r.GetValue(runs);
            if (w < 1 || h < 1 || count < 1)
            {
                throw new ArgumentException("--width, --height and --runs must be positive.");
            }

            var onnx = OnnxModelChoice.Resolve(r.GetValue(model));
            var image = ImageResize.Bilinear(ImageDecoder.Decode(r.GetValue(photo)!), w, h);
            using var deblurrer = new OnnxDeblurrer(onnx, OnnxDeviceChoice.Options(r.GetValue(device)!, r.GetValue(threads), r.GetValue(tile), r.GetValue(overlap)));
            context.Error.WriteLine(deblurrer.Provider);
            deblurrer.Deblur(image, "warm-up");
            var times = new List<double>();
            for (int i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                deblurrer.Deblur(image, "run");
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            var sorted = times.Order().ToList();
            double median = count % 2 == 1 ? sorted[count / 2] : (sorted[(count / 2) - 1] + sorted[count / 2]) / 2;
            var result = new BenchResult(
                onnx.Name, w, h, r.GetValue(threads), r.GetValue(tile), deblurrer.Provider, count, median, sorted[0], w * (double)h / 1e6 / (median / 1000), PeakMemory.Bytes() / 1e6, times);
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Model} {w}x{h}, tile {result.Tile}, threads {(result.Threads?.ToString(CultureInfo.InvariantCulture) ?? "default")}: median {median:F0} ms (min {sorted[0]:F0}, {count} runs), {result.MegapixelsPerSecond:F3} MP/s, peak memory {result.PeakMemoryMegabytes:F0} MB"));
            if (r.GetValue(json) is { } file)
            {
                AtomicFile.WriteAllText(file, JsonSerializer.Serialize(result, StripformerJson.Options));
            }

            if (r.GetValue(profile) is { } trace)
            {
                OnnxProfile.Write(onnx, image, r.GetValue(threads), trace);
                context.Console.WriteLine($"Wrote the ONNX Runtime profile of one {w}x{h} run of the bare network to {trace}.");
            }

            return 0;
        });
        return command;
    }

    private sealed record BenchResult(
        string Model, int Width, int Height, int? Threads, int Tile, string Provider, int Runs, double MedianMilliseconds, double MinMilliseconds, double MegapixelsPerSecond, double PeakMemoryMegabytes, IReadOnlyList<double> Milliseconds);
}
