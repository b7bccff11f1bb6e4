using System.Globalization;
using System.Text;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>Writes the per-epoch metrics as CSV (rewritten atomically after every epoch).</summary>
public static class MetricsCsv
{
    /// <summary>The CSV text.</summary>
    /// <param name="history">Per-epoch metrics.</param>
    public static string Format(IEnumerable<EpochMetrics> history)
    {
        var text = new StringBuilder("epoch,steps,loss,charbonnier,edge,contrastive,learning_rate,validation_psnr,seconds\n");
        foreach (var m in history)
        {
            text.Append(CultureInfo.InvariantCulture, $"{m.Epoch},{m.Steps},{m.Loss:R},{m.Charbonnier:R},{m.Edge:R},{m.Contrastive:R},{m.LearningRate:R},{(m.ValidationPsnr is { } p ? p.ToString("R", CultureInfo.InvariantCulture) : string.Empty)},{m.Seconds:F1}\n");
        }

        return text.ToString();
    }

    /// <summary>Writes the CSV file atomically.</summary>
    /// <param name="path">The file.</param>
    /// <param name="history">Per-epoch metrics.</param>
    public static void Write(string path, IEnumerable<EpochMetrics> history) => AtomicFile.WriteAllText(path, Format(history));
}
