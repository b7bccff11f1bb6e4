using System.Globalization;
using System.Text.Json;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Persistence;
using Spectre.Console;

namespace MLNet.Stripformer.Cli;

/// <summary>Prints quality metrics as a table and writes them as JSON.</summary>
internal static class QualityReport
{
    public static void WriteTable(IAnsiConsole console, DeblurringMetrics metrics, string title = "Quality")
    {
        var table = new Table().Title(title).AddColumn("Image").AddColumn("Size").AddColumn(new TableColumn("PSNR (dB)").RightAligned()).AddColumn(new TableColumn("SSIM").RightAligned());
        foreach (var image in metrics.PerImage)
        {
            table.AddRow(Markup.Escape(image.Path ?? $"row {image.Row}"), $"{image.Width}x{image.Height}", FormatPsnr(image.Psnr), FormatSsim(image.Ssim));
        }

        table.AddRow("[bold]mean[/]", string.Empty, $"[bold]{FormatPsnr(metrics.MeanPsnr)}[/]", $"[bold]{FormatSsim(metrics.MeanSsim)}[/]");
        console.Write(table);
    }

    public static void WriteJson(string path, DeblurringMetrics metrics)
    {
        var document = new
        {
            meanPsnr = metrics.MeanPsnr,
            meanSsim = metrics.MeanSsim,
            images = metrics.PerImage.Select(i => new { name = i.Path, width = i.Width, height = i.Height, psnr = i.Psnr, ssim = i.Ssim }),
        };
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(document, StripformerJson.Options));
    }

    public static string FormatPsnr(double psnr) => double.IsPositiveInfinity(psnr) ? "inf" : psnr.ToString("F2", CultureInfo.InvariantCulture);

    public static string FormatSsim(double ssim) => double.IsNaN(ssim) ? "n/a" : ssim.ToString("F4", CultureInfo.InvariantCulture);
}
