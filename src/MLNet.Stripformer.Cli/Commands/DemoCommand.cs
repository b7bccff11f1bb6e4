using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Degradations;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary>
/// <c>stripformer demo</c>: the main job on the bundled sample photos. One ML.NET pipeline blurs each photo (its
/// centred 448x256, the report's image size, or with <c>--full</c> the whole photo) with the report's three Gaussian
/// kernels and once as a camera file would be (mild blur, then sensor noise and JPEG), deblurs it with the shipped
/// model (or <c>--model</c>) and adds PSNR/SSIM columns for the blurred and the deblurred image; the command prints
/// the table and writes a sharp | blurred | deblurred comparison image per row.
/// </summary>
internal static class DemoCommand
{
    private const int CropWidth = 448;
    private const int CropHeight = 256;

    /// <summary>The real-photo case: after a Gaussian of sigma 1, noise of 2 grey levels and JPEG quality 90.</summary>
    private static readonly DegradationChain CameraFile = DegradationChain.Parse("noise:2;jpeg:90");

    public static Command Create(CliContext context)
    {
        var samples = new Option<string>("--samples")
        {
            Description = "Directory of sharp photos (default: the bundled public-domain samples).",
            DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "samples", "photos"),
        };
        var output = new Option<string>("--output", "-o") { Description = "Where the comparison images go.", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var model = new Option<string?>("--model") { Description = "An ONNX model (from 'export'); default: the shipped model." };
        var full = new Option<bool>("--full") { Description = $"Use whole photos instead of their centred {CropWidth}x{CropHeight} (slow on a CPU)." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for ONNX Runtime." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or auto (CUDA when usable, else CPU).", DefaultValueFactory = _ => "auto" };
        var command = new Command("demo", "Blur the sample photos with the report's kernels and as a camera file (blur, noise, JPEG), deblur them with the shipped model, print PSNR/SSIM and write comparison images.")
        {
            samples, output, model, full, threads, device,
        };
        CommandRunner.SetAction(command, context, (r, cancellationToken) =>
        {
            var options = OnnxDeviceChoice.Options(r.GetValue(device)!, r.GetValue(threads));
            return Execute(context, r.GetValue(samples)!, r.GetValue(output)!, OnnxModelChoice.Resolve(r.GetValue(model)), options, r.GetValue(full), cancellationToken);
        });
        return command;
    }

    private static int Execute(CliContext context, string samples, string output, OnnxModelChoice model, DeblurOptions options, bool full, CancellationToken cancellationToken)
    {
        var ml = new MLContext(seed: 1);
        var files = ImageFiles.InDirectory(samples);
        var photos = ml.Data.LoadFromEnumerable(files.Select(file =>
        {
            var image = ImageDecoder.Decode(file);
            return new PhotoRow { Path = file, Image = PackedImage.Pack(full ? image : ImageCrop.Centre(image, CropWidth, CropHeight)) };
        }));
        var lossless = ml.Data.CreateEnumerable<BlurPairRow>(ml.Deblurring().MakeBlurPairs(photos, BlurKernels.ReportGaussians), reuseRowObject: false);
        var camera = ml.Data.CreateEnumerable<BlurPairRow>(ml.Deblurring().MakeBlurPairs(photos, [BlurKernel.Gaussian(7, 1.0)], degradations: CameraFile, seed: 1), reuseRowObject: false);
        var pairs = ml.Data.LoadFromEnumerable(lossless.Concat(camera));
        var deblur = model.Deblur(ml.Transforms, "Deblurred", "Blurred", options).Fit(pairs);
        context.Error.WriteLine(deblur.Provider);
        var quality = ml.Transforms.ImageQuality("Sharp", "Blurred", nameof(DemoRow.BlurredPsnr), nameof(DemoRow.BlurredSsim))
            .Append(ml.Transforms.ImageQuality("Sharp", "Deblurred", nameof(DemoRow.DeblurredPsnr), nameof(DemoRow.DeblurredSsim)));
        var deblurred = deblur.Transform(pairs);
        var scored = quality.Fit(deblurred).Transform(deblurred);

        var rows = new List<DemoRow>();
        ConsoleProgress.Run(context.Console, $"Deblurring with {model.Name}", files.Count * (BlurKernels.ReportGaussians.Count + 1), step =>
        {
            foreach (var row in ml.Data.CreateEnumerable<DemoRow>(scored, reuseRowObject: false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                WriteComparison(row, output);
                row.Sharp = row.Blurred = row.Deblurred = [];
                rows.Add(row);
                step();
            }
        });

        context.Console.Write(Table(rows, full ? "whole photos" : $"centred {CropWidth}x{CropHeight}"));
        context.Console.MarkupLine($"Wrote {rows.Count} comparison images (sharp | blurred | deblurred) to [bold]{Markup.Escape(output)}[/].");
        return 0;
    }

    private static void WriteComparison(DemoRow row, string output)
    {
        var sharp = PackedImage.Unpack(row.Sharp, row.Path);
        var blurred = PackedImage.Unpack(row.Blurred, row.Path);
        var deblurred = PackedImage.Unpack(row.Deblurred, row.Path);
        var comparison = ComparisonImage.Compose(
        [
            (sharp, "SHARP"),
            (blurred, string.Create(CultureInfo.InvariantCulture, $"BLURRED {row.BlurredPsnr:F2} DB")),
            (deblurred, string.Create(CultureInfo.InvariantCulture, $"DEBLURRED {row.DeblurredPsnr:F2} DB")),
        ]);
        string condition = new(row.Kernel.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray());
        string file = $"{Path.GetFileNameWithoutExtension(row.Path)}__{condition}.png";
        ImageEncoder.Save(comparison, Path.Combine(output, file));
    }

    private static Table Table(IReadOnlyList<DemoRow> rows, string what)
    {
        var table = new Table().Title($"Sample photos ({what}) against the sharp photo")
            .AddColumn("Photo").AddColumn("Kernel")
            .AddColumn(new TableColumn("blurred PSNR").RightAligned()).AddColumn(new TableColumn("SSIM").RightAligned())
            .AddColumn(new TableColumn("deblurred PSNR").RightAligned()).AddColumn(new TableColumn("SSIM").RightAligned());
        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(Path.GetFileName(row.Path)), row.Kernel,
                QualityReport.FormatPsnr(row.BlurredPsnr), QualityReport.FormatSsim(row.BlurredSsim),
                QualityReport.FormatPsnr(row.DeblurredPsnr), QualityReport.FormatSsim(row.DeblurredSsim));
        }

        foreach (var kernel in rows.GroupBy(r => r.Kernel))
        {
            var blurred = Mean(kernel, r => (r.BlurredPsnr, r.BlurredSsim));
            var deblurred = Mean(kernel, r => (r.DeblurredPsnr, r.DeblurredSsim));
            table.AddRow("[bold]mean[/]", kernel.Key,
                $"[bold]{QualityReport.FormatPsnr(blurred.MeanPsnr)}[/]", $"[bold]{QualityReport.FormatSsim(blurred.MeanSsim)}[/]",
                $"[bold]{QualityReport.FormatPsnr(deblurred.MeanPsnr)}[/]", $"[bold]{QualityReport.FormatSsim(deblurred.MeanSsim)}[/]");
        }

        return table;
    }

    private static DeblurringMetrics Mean(IEnumerable<DemoRow> rows, Func<DemoRow, (double Psnr, double Ssim)> pick) =>
        new(rows.Select((r, i) => new ImageQuality(i, r.Path, 0, 0, pick(r).Psnr, pick(r).Ssim)).ToList());

    private sealed class PhotoRow
    {
        public string Path { get; set; } = string.Empty;

        [VectorType]
        public float[] Image { get; set; } = [];
    }

    private sealed class DemoRow
    {
        public string Path { get; set; } = string.Empty;

        public string Kernel { get; set; } = string.Empty;

        public float[] Sharp { get; set; } = [];

        public float[] Blurred { get; set; } = [];

        public float[] Deblurred { get; set; } = [];

        public double BlurredPsnr { get; set; }

        public double BlurredSsim { get; set; }

        public double DeblurredPsnr { get; set; }

        public double DeblurredSsim { get; set; }
    }
}
