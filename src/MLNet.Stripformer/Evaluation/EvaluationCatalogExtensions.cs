using Microsoft.ML;
using MLNet.Stripformer.Evaluation;

namespace MLNet.Stripformer;

/// <summary>Per-row quality columns on <c>mlContext.Transforms</c>.</summary>
public static class EvaluationCatalogExtensions
{
    /// <summary>Adds per-row PSNR and SSIM columns comparing a restored image column with its ground truth.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="labelColumnName">The ground-truth (sharp) image column.</param>
    /// <param name="scoreColumnName">The restored image column.</param>
    /// <param name="psnrColumnName">The PSNR column to add (double, decibels, +infinity for identical images).</param>
    /// <param name="ssimColumnName">The SSIM column to add (double; NaN for images smaller than 11x11).</param>
    public static ImageQualityEstimator ImageQuality(
        this TransformsCatalog catalog, string labelColumnName = "Sharp", string scoreColumnName = "Deblurred", string psnrColumnName = "Psnr", string ssimColumnName = "Ssim")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageQualityEstimator(CatalogContext.Of(catalog), labelColumnName, scoreColumnName, psnrColumnName, ssimColumnName);
    }
}
