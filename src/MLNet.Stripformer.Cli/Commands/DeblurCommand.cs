using TorchSharp;
using System.CommandLine;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Scoring;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary><c>stripformer deblur INPUT OUTPUT --checkpoint FILE [--config seed|paper] [--device ...] [--tile N]</c>:
/// deblurs files or directories with a TorchSharp Stripformer, writing PNGs of the input's size.</summary>
internal static class DeblurCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "An image file or a directory of images." };
        var output = new Argument<string>("OUTPUT") { Description = "The output PNG file or directory." };
        var checkpoint = new Option<string>("--checkpoint") { Description = "A checkpoint written by 'train', or a PyTorch state_dict (.pth; then give --config).", Required = true };
        var config = new Option<string?>("--config") { Description = "seed or paper; required for a .pth, read from our checkpoints." };
        var outputMode = new Option<StripformerOutput?>("--output-mode") { Description = "For a .pth: Sigmoid or Residual (default: the configuration's)." };
        var device = new Option<ComputeDevice>("--device") { Description = "Auto, Cpu or Cuda.", DefaultValueFactory = _ => ComputeDevice.Auto };
        var tile = new Option<int>("--tile") { Description = "Tile side for large images (multiple of 4).", DefaultValueFactory = _ => 512 };
        var overlap = new Option<int>("--overlap") { Description = "Overlap between tiles (even).", DefaultValueFactory = _ => 32 };
        var command = new Command("deblur", "Deblur images with a Stripformer checkpoint (TorchSharp).") { input, output, checkpoint, config, outputMode, device, tile, overlap };
        CommandRunner.SetAction(command, context, (r, cancellationToken) =>
        {
            var network = LoadNetwork(r.GetValue(checkpoint)!, r.GetValue(config), r.GetValue(outputMode));
            var torchDevice = DeviceSelector.Resolve(r.GetValue(device));
            network.to(torchDevice);
            using var deblurrer = new TorchDeblurrer(network, torchDevice, new TilingOptions(r.GetValue(tile), r.GetValue(overlap)));
            var plan = ImageJobPlan.Create(r.GetValue(input)!, r.GetValue(output)!, [string.Empty]);
            ConsoleProgress.Run(context.Console, $"Deblurring on {torchDevice.type}", plan.Jobs.Count, step =>
            {
                foreach (var job in plan.Jobs)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    ImageEncoder.Save(deblurrer.Deblur(ImageDecoder.Decode(job.Input)), job.Output);
                    step();
                }
            });
            context.Console.WriteLine($"Wrote {plan.Jobs.Count} deblurred image(s).");
            return 0;
        });
        return command;
    }

    private static StripformerNetwork LoadNetwork(string path, string? config, StripformerOutput? output)
    {
        TorchRuntime.Initialize();
        if (TrainingCheckpoint.IsCheckpoint(path))
        {
            return TrainingCheckpoint.LoadNetwork(path);
        }

        var named = StripformerConfig.FromName(config ?? throw new ArgumentException($"--config is required for the PyTorch file '{path}' (seed or paper)."));
        var network = new StripformerNetwork(output is { } o ? named with { Output = o } : named);
        PyTorchWeights.Load(network, path);
        return network;
    }
}
