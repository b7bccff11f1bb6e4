using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Torch.Training;

namespace MLNet.Stripformer.Cli;

/// <summary>Plots training loss (left axis) and validation PSNR (right axis) per epoch with ScottPlot.</summary>
internal static class TrainingCurves
{
    public const string FileName = "curves.png";

    public static void Write(string path, IReadOnlyList<EpochMetrics> history, string title)
    {
        var plot = new ScottPlot.Plot();
        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        var loss = plot.Add.Scatter(epochs, history.Select(h => h.Loss).ToArray());
        loss.LegendText = "training loss";
        var validated = history.Where(h => h.ValidationPsnr is not null).ToList();
        if (validated.Count > 0)
        {
            var psnr = plot.Add.Scatter(validated.Select(h => (double)h.Epoch).ToArray(), validated.Select(h => h.ValidationPsnr!.Value).ToArray());
            psnr.LegendText = "validation PSNR (dB)";
            psnr.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "validation PSNR (dB)";
        }

        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("training loss");
        plot.ShowLegend(ScottPlot.Alignment.UpperCenter);
        byte[] png = plot.GetImageBytes(900, 500, ScottPlot.ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
