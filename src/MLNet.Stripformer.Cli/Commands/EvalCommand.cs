using System.CommandLine;
using Microsoft.ML;
using MLNet.Stripformer.Imaging;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary><c>stripformer eval --reference DIR --candidate DIR [--json FILE]</c>: PSNR and SSIM per image and
/// their means. Images are paired by base name, so <c>photo.jpg</c> is compared with <c>photo.png</c>.</summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var reference = new Option<string>("--reference", "-r") { Description = "The ground-truth image file or directory.", Required = true };
        var candidate = new Option<string>("--candidate", "-c") { Description = "The restored image file or directory (same base names).", Required = true };
        var json = new Option<string?>("--json") { Description = "Also write per-image values and meanPsnr/meanSsim to this JSON file." };
        var command = new Command("eval", "PSNR and SSIM (scikit-image definitions) of candidate images against references.") { reference, candidate, json };
        CommandRunner.SetAction(command, context, (result, cancellationToken) => Execute(
            context, result.GetValue(reference)!, result.GetValue(candidate)!, result.GetValue(json), cancellationToken));
        return command;
    }

    private static int Execute(CliContext context, string reference, string candidate, string? json, CancellationToken cancellationToken)
    {
        var pairs = ImagePairing.Pair(reference, candidate);
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(pairs.Select(p => new EvalRow
        {
            Path = Path.GetFileName(p.Reference),
            Reference = PackedImage.Pack(ImageDecoder.Decode(p.Reference)),
            Candidate = PackedImage.Pack(ImageDecoder.Decode(p.Candidate)),
        }));
        Evaluation.DeblurringMetrics metrics = null!;
        ConsoleProgress.Run(context.Console, "Evaluating", pairs.Count, step =>
        {
            var progress = new SynchronousProgress<long>(_ => step());
            metrics = ml.Deblurring().Evaluate(data, nameof(EvalRow.Reference), nameof(EvalRow.Candidate), nameof(EvalRow.Path), progress, cancellationToken);
        });
        QualityReport.WriteTable(context.Console, metrics);
        if (json is not null)
        {
            QualityReport.WriteJson(json, metrics);
            context.Console.MarkupLine($"Wrote [bold]{Markup.Escape(json)}[/].");
        }

        return 0;
    }

    private sealed class EvalRow
    {
        public string Path { get; set; } = string.Empty;

        public float[] Reference { get; set; } = [];

        public float[] Candidate { get; set; } = [];
    }
}
