using Microsoft.ML;

namespace MLNet.Stripformer.Blur;

/// <summary>Blur synthesis on <c>mlContext.Transforms</c>.</summary>
public static class BlurCatalogExtensions
{
    /// <summary>Blurs the images of a column with one kernel, or with one of several kernels per row.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The blurred image column to add.</param>
    /// <param name="inputColumnName">The sharp image column.</param>
    /// <param name="kernels">One kernel, or several to choose from per row (default: the report's three Gaussians).</param>
    public static SynthesizeBlurEstimator SynthesizeBlur(
        this TransformsCatalog catalog, string outputColumnName = "Blurred", string inputColumnName = "Image", IReadOnlyList<BlurKernel>? kernels = null) =>
        catalog.SynthesizeBlur(new SynthesizeBlurOptions
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Kernels = kernels ?? BlurKernels.ReportGaussians,
        });

    /// <summary>Blurs the images of a column as the options say.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Columns, kernels, arithmetic and seed.</param>
    public static SynthesizeBlurEstimator SynthesizeBlur(this TransformsCatalog catalog, SynthesizeBlurOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SynthesizeBlurEstimator(CatalogContext.Of(catalog), options);
    }
}
