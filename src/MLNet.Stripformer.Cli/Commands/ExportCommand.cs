using System.CommandLine;
using Microsoft.ML.OnnxRuntime;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Modules;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary><c>stripformer export --checkpoint FILE [--config seed|paper] --output FILE.onnx [--weights FILE.ckpt] [--curves FILE.png]</c>: writes the network
/// as ONNX, then loads it in ONNX Runtime and fails if ONNX Runtime warns about it.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A checkpoint written by 'train', or a PyTorch file (a state_dict or a training checkpoint holding one, e.g. the official Stripformer releases).", Required = true };
        var config = new Option<string?>("--config") { Description = "For a PyTorch file: seed or paper (default: recognised from its tensors); read from our checkpoints." };
        var outputMode = new Option<StripformerOutput?>("--output-mode") { Description = "For a .pth: Sigmoid or Residual (default: the configuration's)." };
        var output = new Option<string>("--output") { Description = "The .onnx file to write.", Required = true };
        var weights = new Option<string?>("--weights") { Description = "Also write the checkpoint's weights and history without the optimizer state (a small file to fine-tune from with 'train --init')." };
        var curves = new Option<string?>("--curves") { Description = "Also plot the checkpoint's training curves (loss and validation PSNR per epoch) to this PNG." };
        var command = new Command("export", "Export a Stripformer checkpoint to ONNX (IR 9, opset 20, symbolic batch, height and width).") { checkpoint, config, outputMode, output, weights, curves };
        CommandRunner.SetAction(command, context, (r, _) =>
        {
            string path = r.GetValue(output)!, source = r.GetValue(checkpoint)!;
            using var network = NetworkLoader.Load(source, r.GetValue(config), r.GetValue(outputMode));
            // Read once, only when an option needs the checkpoint's state.
            var state = new Lazy<Torch.Checkpoints.CheckpointState>(() => StateOf(source, r.GetValue(weights) is null ? "--curves" : "--weights"));
            if (r.GetValue(weights) is { } weightsPath)
            {
                TrainingCheckpoint.Save(weightsPath, network, optimizer: null, state.Value);
                context.Console.WriteLine($"Wrote {weightsPath} ({new FileInfo(weightsPath).Length / 1e6:F1} MB, weights and training history).");
            }

            if (r.GetValue(curves) is { } curvesPath)
            {
                TrainingCurves.Write(curvesPath, state.Value.History, $"Stripformer '{network.Config.Name}' training");
                context.Console.WriteLine($"Wrote {curvesPath}.");
            }

            network.ExportToOnnx(path);
            OnnxRuntimeLog.Initialize();
            OnnxRuntimeLog.Take(); // only what ONNX Runtime says about this file counts
            using (var session = new InferenceSession(path))
            {
                var warnings = OnnxRuntimeLog.Take();
                if (warnings.Count > 0)
                {
                    throw new InvalidOperationException($"ONNX Runtime loaded '{path}' with {warnings.Count} warning(s): {string.Join(" | ", warnings)}");
                }
            }

            context.Console.WriteLine($"Wrote {path} ({new FileInfo(path).Length / 1e6:F1} MB, {network.Config.Name}, {network.ParameterCount:N0} parameters); ONNX Runtime loads it with no warnings.");
            return 0;
        });
        return command;
    }

    private static Torch.Checkpoints.CheckpointState StateOf(string source, string option) =>
        TrainingCheckpoint.IsCheckpoint(source)
            ? TrainingCheckpoint.ReadState(source)
            : throw new ArgumentException($"{option} needs a checkpoint written by 'train' as --checkpoint; '{source}' is not one.");
}
