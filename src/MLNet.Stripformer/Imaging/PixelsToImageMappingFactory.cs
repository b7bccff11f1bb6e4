using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLNet.Stripformer.Imaging;

/// <summary>Input row of <see cref="PixelsToImageMappingFactory"/> (private column names).</summary>
public sealed class PixelsToImageMappingInput
{
    /// <summary>The pixels, as ExtractPixels wrote them (bytes converted to Single).</summary>
    [ColumnName(PixelsToImageMappingFactory.PixelsColumnName)]
    public float[] Pixels { get; set; } = [];

    /// <summary>The layout, recorded when the step was fitted.</summary>
    [ColumnName(PixelsToImageMappingFactory.LayoutColumnName)]
    public string Layout { get; set; } = string.Empty;
}

/// <summary>Output row of <see cref="PixelsToImageMappingFactory"/>.</summary>
public sealed class PixelsToImageMappingOutput
{
    /// <summary>The ML.NET image.</summary>
    [ColumnName(PixelsToImageMappingFactory.OutputColumnName)]
    public MLImage? Image { get; set; }
}

/// <summary>The persistable step behind <c>PixelsToImage</c>: ExtractPixels output back into an ML.NET image.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PixelsToImageMappingFactory : CustomMappingFactory<PixelsToImageMappingInput, PixelsToImageMappingOutput>
{
    /// <summary>The contract name saved in models.</summary>
    public const string ContractName = "MLNet.Stripformer.PixelsToImage";

    internal const string PixelsColumnName = "__stripformer_pixels_in";
    internal const string LayoutColumnName = "__stripformer_pixels_layout";
    internal const string OutputColumnName = "__stripformer_pixels_image";

    /// <inheritdoc/>
    public override Action<PixelsToImageMappingInput, PixelsToImageMappingOutput> GetMapping()
    {
        MLImageConversion.RegisterImageType();
        return static (input, output) => output.Image = PixelLayout.Decode(input.Layout).ToImage(input.Pixels);
    }
}
