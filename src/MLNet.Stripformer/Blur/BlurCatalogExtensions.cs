using Microsoft.ML;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Degradations;

namespace MLNet.Stripformer;

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

    /// <summary>
    /// Degrades the images of a column as a camera file would be: noise, JPEG re-compression, blur kernels from
    /// ranges, in the order and with the alternatives <paramref name="degradations"/> gives (see
    /// <see cref="DegradationChain"/>), drawn per row from the seed (the <c>MLContext</c>'s unless given) and the
    /// row's pixels. Saves and loads like <c>SynthesizeBlur</c>, with the same output in any process.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The degraded image column to add.</param>
    /// <param name="inputColumnName">The image column.</param>
    /// <param name="degradations">For example <c>DegradationChain.Parse("noise:0-3;jpeg:60-98")</c>.</param>
    /// <param name="seed">The seed of the draws; null: from the <c>MLContext</c>'s seed.</param>
    public static SynthesizeBlurEstimator Degrade(
        this TransformsCatalog catalog, string outputColumnName, string inputColumnName, DegradationChain degradations, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(degradations);
        return catalog.SynthesizeBlur(new SynthesizeBlurOptions
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Kernels = [],
            Degradations = degradations,
            Seed = seed,
        });
    }

    /// <summary>Blurs the images of a column as the options say.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Columns, kernels, arithmetic and seed.</param>
    public static SynthesizeBlurEstimator SynthesizeBlur(this TransformsCatalog catalog, SynthesizeBlurOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SynthesizeBlurEstimator(CatalogContext.Of(catalog), options);
    }
}
