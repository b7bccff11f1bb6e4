namespace MLNet.Stripformer.Evaluation;

/// <summary>Restoration quality over a data set: the means and every image's values.</summary>
public sealed class DeblurringMetrics
{
    /// <summary>Creates the metrics from per-image values.</summary>
    /// <param name="perImage">One entry per row.</param>
    public DeblurringMetrics(IReadOnlyList<ImageQuality> perImage)
    {
        ArgumentNullException.ThrowIfNull(perImage);
        PerImage = perImage;
        MeanPsnr = perImage.Count == 0 ? double.NaN : perImage.Average(q => q.Psnr);
        var ssims = perImage.Where(q => !double.IsNaN(q.Ssim)).ToList();
        MeanSsim = ssims.Count == 0 ? double.NaN : ssims.Average(q => q.Ssim);
    }

    /// <summary>Mean of the per-image PSNR in decibels (the report's measure); +infinity if any pair is identical;
    /// NaN for an empty data set.</summary>
    public double MeanPsnr { get; }

    /// <summary>Mean of the per-image SSIM over the images large enough to have one; NaN if none.</summary>
    public double MeanSsim { get; }

    /// <summary>Per-image values, in row order.</summary>
    public IReadOnlyList<ImageQuality> PerImage { get; }
}
