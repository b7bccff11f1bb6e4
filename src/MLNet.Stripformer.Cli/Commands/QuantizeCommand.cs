using System.CommandLine;
using MLNet.Stripformer.Quantization;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary><c>stripformer quantize --model FP32.onnx --calibration DIR --output INT8.onnx</c>: static int8
/// quantization (QDQ, per-channel weights, activations calibrated on photos) with <see cref="ModelQuantizer"/>.</summary>
internal static class QuantizeCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "The float32 ONNX model (e.g. models/stripformer-seed-gaussian.onnx or an export).", Required = true };
        var calibration = new Option<string>("--calibration") { Description = "A directory of photos like those to deblur; activation ranges are measured on them.", Required = true };
        var output = new Option<string>("--output") { Description = "The int8 ONNX model to write.", Required = true };
        var images = new Option<int>("--images") { Description = "Calibration photos to use (the first in name order).", DefaultValueFactory = _ => QuantizationOptions.DefaultCalibrationImages };
        var size = new Option<int>("--size") { Description = "Side of the centred square crop of each photo the network runs on (multiple of 4).", DefaultValueFactory = _ => QuantizationOptions.DefaultCalibrationSize };
        var weightBits = new Option<int>("--weight-bits") { Description = "7 (exact on every x64 CPU) or 8 (only for CPUs with AVX-512 VNNI or AVX-VNNI, and GPUs).", DefaultValueFactory = _ => 7 };
        var operators = new Option<string>("--operators") { Description = "Operators to quantize: matmul (default: constant-weight matrix products), conv, or conv,matmul (faster, but convolutions in int8 cost the seed network 3.4 dB).", DefaultValueFactory = _ => "matmul" };
        var threads = new Option<int?>("--threads") { Description = "ONNX Runtime threads while calibrating (default: every CPU)." };
        var command = new Command("quantize", "Quantize an ONNX model to int8 (static, QDQ) with calibration photos; deblur and bench run the result with --model.")
        {
            model, calibration, output, images, size, weightBits, operators, threads,
        };
        CommandRunner.SetAction(command, context, (r, cancellationToken) =>
        {
            var chosen = (r.GetValue(operators) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = chosen.Where(o => o is not ("conv" or "matmul")).ToList();
            if (unknown.Count > 0 || chosen.Length == 0)
            {
                throw new ArgumentException($"--operators: '{r.GetValue(operators)}' is not a list of conv and matmul.");
            }

            var options = new QuantizationOptions
            {
                CalibrationImages = r.GetValue(images),
                CalibrationSize = r.GetValue(size),
                WeightBits = r.GetValue(weightBits),
                QuantizeConvolutions = chosen.Contains("conv"),
                QuantizeMatMuls = chosen.Contains("matmul"),
                IntraOpThreads = r.GetValue(threads),
            };
            string path = r.GetValue(output)!;
            QuantizationSummary? summary = null;
            ConsoleProgress.Run(context.Console, "Calibrating", options.CalibrationImages, step =>
                summary = ModelQuantizer.Quantize(r.GetValue(model)!, r.GetValue(calibration)!, path, options, new SynchronousProgress<int>(_ => step()), cancellationToken));
            context.Console.WriteLine(
                $"Wrote {path} ({summary!.QuantizedBytes / 1e6:F1} MB, from {summary.SourceBytes / 1e6:F1} MB): {summary.Convolutions} Conv and {summary.MatMuls} MatMul in int8, calibrated on {summary.CalibrationImages} photo(s).");
            return 0;
        });
        return command;
    }
}
