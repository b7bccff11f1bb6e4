using System.CommandLine;
using Microsoft.ML.OnnxRuntime;
using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Modules;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary><c>stripformer export --checkpoint FILE [--config seed|paper] --output FILE.onnx</c>: writes the network
/// as ONNX, then loads it in ONNX Runtime and fails if ONNX Runtime warns about it.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A checkpoint written by 'train', or a PyTorch state_dict (.pth; then give --config).", Required = true };
        var config = new Option<string?>("--config") { Description = "seed or paper; required for a .pth, read from our checkpoints." };
        var outputMode = new Option<StripformerOutput?>("--output-mode") { Description = "For a .pth: Sigmoid or Residual (default: the configuration's)." };
        var output = new Option<string>("--output") { Description = "The .onnx file to write.", Required = true };
        var command = new Command("export", "Export a Stripformer checkpoint to ONNX (IR 9, opset 20, symbolic batch, height and width).") { checkpoint, config, outputMode, output };
        CommandRunner.SetAction(command, context, (r, _) =>
        {
            string path = r.GetValue(output)!;
            using var network = NetworkLoader.Load(r.GetValue(checkpoint)!, r.GetValue(config), r.GetValue(outputMode));
            network.ExportToOnnx(path);
            OnnxRuntimeLog.Initialize();
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
}
