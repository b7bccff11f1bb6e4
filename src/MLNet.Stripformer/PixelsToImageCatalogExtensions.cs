using Microsoft.ML;
using MLNet.Stripformer.Imaging;
using static Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator;

namespace MLNet.Stripformer;

/// <summary>ML.NET's <c>ExtractPixels</c> output back into images, on <c>mlContext.Transforms</c>.</summary>
public static class PixelsToImageCatalogExtensions
{
    /// <summary>
    /// The inverse of ML.NET's <c>ExtractPixels</c>: give it the column ExtractPixels made and the same options, and
    /// it adds an ML.NET image column (8-bit, opaque unless alpha was extracted) that <c>Deblur</c>,
    /// <c>SynthesizeBlur</c> and <c>ImageQuality</c> read. Each pixel is <c>value / scaleImage + offsetImage</c>,
    /// rounded and clamped to [0, 255]; a byte vector (<c>outputAsFloatArray: false</c>) is read unscaled, as
    /// ExtractPixels wrote it. The step saves and loads with the model.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The image column to add.</param>
    /// <param name="inputColumnName">The ExtractPixels column: [planes, height, width], or [height, width, planes] interleaved.</param>
    /// <param name="colorsToExtract">The colours ExtractPixels extracted (red, green and blue, alpha optional).</param>
    /// <param name="orderOfExtraction">The order ExtractPixels wrote them in.</param>
    /// <param name="interleavePixelColors">Whether ExtractPixels interleaved them.</param>
    /// <param name="offsetImage">The offset ExtractPixels subtracted.</param>
    /// <param name="scaleImage">The scale ExtractPixels multiplied by.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is not one ExtractPixels output can have (no red, green or blue plane; a zero or non-finite scale).</exception>
    public static PixelsToImageEstimator PixelsToImage(
        this TransformsCatalog catalog,
        string outputColumnName,
        string inputColumnName,
        ColorBits colorsToExtract = ColorBits.Rgb,
        ColorsOrder orderOfExtraction = ColorsOrder.ARGB,
        bool interleavePixelColors = false,
        float offsetImage = 0f,
        float scaleImage = 1f)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ComponentRegistration.Register(CatalogContext.Of(catalog));
        return new PixelsToImageEstimator(outputColumnName, inputColumnName, colorsToExtract, orderOfExtraction, interleavePixelColors, offsetImage, scaleImage);
    }
}
