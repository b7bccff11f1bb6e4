using System.CommandLine;
using MLNet.Stripformer.Imaging;
using TorchSharp;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Scoring;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary>
/// <c>stripformer deblur INPUT OUTPUT [--model FILE.onnx] [--tile N] [--device cpu|cuda|auto]</c>: deblurs files or
/// directories with the library's <see cref="ImageDeblurrer"/> (ONNX Runtime, tiled as the ML.NET Deblur transform
/// tiles, progress per tile), or with <c>--checkpoint</c> through TorchSharp,
/// writing PNGs of the input's size. Directories may be taken recursively (the output tree mirrors the input's), from a
/// list, and without the images already done; decoding, scoring and encoding overlap (<see cref="DeblurPipeline"/>).
/// Each output is written atomically; an image that fails is reported and the others go on, so nothing already
/// written is lost.
/// </summary>
internal static class DeblurCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "An image file or a directory of images." };
        var output = new Argument<string>("OUTPUT") { Description = "The output PNG file or directory." };
        var model = new Option<string?>("--model") { Description = "An ONNX model (from 'export'), or a checkpoint or PyTorch .pth (exported once, cached); default: the shipped model." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Run a checkpoint from 'train' or a PyTorch .pth with TorchSharp instead of ONNX." };
        var config = new Option<string?>("--config") { Description = "For a PyTorch file: seed or paper (default: recognised from its tensors)." };
        var outputMode = new Option<StripformerOutput?>("--output-mode") { Description = "For a PyTorch file: Sigmoid or Residual (default: the configuration's)." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or auto (cuda falls back to the CPU, saying so).", DefaultValueFactory = _ => "auto" };
        var tile = new Option<int>("--tile") { Description = "Tile side for large images; 0 = whole images.", DefaultValueFactory = _ => DeblurOptions.DefaultTileSize };
        var overlap = new Option<int>("--overlap") { Description = "Pixels shared by neighbouring tiles.", DefaultValueFactory = _ => DeblurOptions.DefaultTileOverlap };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for ONNX Runtime (default: all cores)." };
        var selection = new JobSelectionOptions(withSkipExisting: true);
        var command = new Command("deblur", "Deblur images with an ONNX Stripformer (or a checkpoint).") { input, output, model, checkpoint, config, outputMode, device, tile, overlap, threads };
        selection.AddTo(command);
        CommandRunner.SetAction(command, context, (r, cancellationToken) =>
        {
            var plan = ImageJobPlan.Create(r.GetValue(input)!, r.GetValue(output)!, [string.Empty], selection.Read(r));
            if (plan.Skipped > 0)
            {
                context.Error.WriteLine($"Skipping {plan.Skipped} image(s) whose output exists.");
            }

            if (plan.Jobs.Count == 0)
            {
                context.Console.WriteLine("Nothing to do: every output exists.");
                return 0;
            }

            // Two methods, so that the ONNX path never loads TorchSharp and ML.NET (the JIT loads what a method names).
            var (deblur, owner, description) = r.GetValue(checkpoint) is { } path
                ? WithTorchSharp(path, r.GetValue(model), r.GetValue(config), r.GetValue(outputMode), r.GetValue(device)!, r.GetValue(tile), r.GetValue(overlap), cancellationToken)
                : WithOnnxRuntime(r.GetValue(model), r.GetValue(config), r.GetValue(outputMode), OnnxDeviceChoice.Options(r.GetValue(device)!, r.GetValue(threads), r.GetValue(tile), r.GetValue(overlap)), cancellationToken);
            using (owner)
            {
                context.Error.WriteLine(description);
                IReadOnlyList<string> failures = [];
                ConsoleProgress.RunFractional(context.Console, "Deblurring", plan.Jobs.Count, advance => failures = DeblurPipeline.Run(plan.Jobs, deblur, advance, cancellationToken));
                context.Console.WriteLine($"Wrote {plan.Jobs.Count - failures.Count} deblurred image(s).");
                foreach (string failure in failures)
                {
                    context.Error.WriteLine($"error: {failure}");
                }

                return failures.Count == 0 ? 0 : CommandRunner.Failure;
            }
        });
        return command;
    }

    private static (Func<RgbImage, string, IProgress<TileProgress>, RgbImage> Deblur, IDisposable Owner, string Description) WithTorchSharp(
        string checkpoint, string? model, string? config, StripformerOutput? outputMode, string device, int tile, int overlap, CancellationToken cancellationToken)
    {
        if (model is not null)
        {
            throw new ArgumentException("Give --model or --checkpoint, not both.");
        }

        var network = NetworkLoader.Load(checkpoint, config, outputMode);
        var torchDevice = DeviceSelector.Resolve(device.ToLowerInvariant() switch { "cpu" => ComputeDevice.Cpu, "cuda" => ComputeDevice.Cuda, _ => ComputeDevice.Auto });
        network.to(torchDevice);
        var torch = new TorchDeblurrer(network, torchDevice, new TilingOptions(tile, overlap));
        return ((image, _, tiles) => torch.Deblur(image, tiles, cancellationToken), torch, $"TorchSharp on {torchDevice.type}");
    }

    private static (Func<RgbImage, string, IProgress<TileProgress>, RgbImage> Deblur, IDisposable Owner, string Description) WithOnnxRuntime(
        string? model, string? config, StripformerOutput? outputMode, DeblurOptions options, CancellationToken cancellationToken)
    {
        var choice = OnnxModelChoice.Resolve(model, config, outputMode);
        var onnx = choice.Path is { } file ? new ImageDeblurrer(file, options) : new ImageDeblurrer(options); // a file is read by ONNX Runtime itself
        return ((image, _, tiles) => onnx.Deblur(image, tiles, cancellationToken), onnx, onnx.Provider);
    }
}
