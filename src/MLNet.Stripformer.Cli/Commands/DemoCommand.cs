using System.CommandLine;
using Microsoft.ML;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary>
/// <c>stripformer demo</c>: the main job on the bundled sample photos. It blurs each photo with the report's three
/// Gaussian kernels in an ML.NET pipeline (blur pairs, then per-row PSNR/SSIM columns), writes the blurred images
/// and prints the quality table.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var samples = new Option<string>("--samples")
        {
            Description = "Directory of sharp photos (default: the bundled public-domain samples).",
            DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "samples", "photos"),
        };
        var output = new Option<string>("--output", "-o") { Description = "Where the blurred images go.", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var command = new Command("demo", "Blur the sample photos with the report's kernels and print the PSNR/SSIM table.") { samples, output };
        CommandRunner.SetAction(command, context, (result, cancellationToken) => Execute(context, result.GetValue(samples)!, result.GetValue(output)!, cancellationToken));
        return command;
    }

    private static int Execute(CliContext context, string samples, string output, CancellationToken cancellationToken)
    {
        var ml = new MLContext(seed: 1);
        var photos = ml.Data.LoadImagesFromDirectory(samples);
        var pairs = ml.Deblurring().MakeBlurPairs(photos, BlurKernels.ReportGaussians);
        var scored = ml.Transforms.ImageQuality("Sharp", "Blurred").Fit(pairs).Transform(pairs);
        int total = ImageFiles.InDirectory(samples).Count * BlurKernels.ReportGaussians.Count;
        var rows = new List<DemoRow>();
        ConsoleProgress.Run(context.Console, "Blurring and scoring", total, step =>
        {
            foreach (var row in ml.Data.CreateEnumerable<DemoRow>(scored, reuseRowObject: false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string file = $"{Path.GetFileNameWithoutExtension(row.Path)}__{row.Kernel.Replace(':', '_')}.png";
                ImageEncoder.Save(PackedImage.Unpack(row.Blurred, row.Path), Path.Combine(output, file));
                row.Blurred = [];
                rows.Add(row);
                step();
            }
        });

        var table = new Table().Title("Blurred input against the sharp photo").AddColumn("Photo").AddColumn("Kernel")
            .AddColumn(new TableColumn("PSNR (dB)").RightAligned()).AddColumn(new TableColumn("SSIM").RightAligned());
        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(Path.GetFileName(row.Path)), row.Kernel, QualityReport.FormatPsnr(row.Psnr), QualityReport.FormatSsim(row.Ssim));
        }

        foreach (var kernel in rows.GroupBy(r => r.Kernel))
        {
            var metrics = new DeblurringMetrics(kernel.Select((r, i) => new ImageQuality(i, r.Path, 0, 0, r.Psnr, r.Ssim)).ToList());
            table.AddRow("[bold]mean[/]", kernel.Key, $"[bold]{QualityReport.FormatPsnr(metrics.MeanPsnr)}[/]", $"[bold]{QualityReport.FormatSsim(metrics.MeanSsim)}[/]");
        }

        context.Console.Write(table);
        context.Console.MarkupLine($"Wrote {rows.Count} blurred images to [bold]{Markup.Escape(output)}[/].");
        return 0;
    }

    private sealed class DemoRow
    {
        public string Path { get; set; } = string.Empty;

        public string Kernel { get; set; } = string.Empty;

        public float[] Blurred { get; set; } = [];

        public double Psnr { get; set; }

        public double Ssim { get; set; }
    }
}
