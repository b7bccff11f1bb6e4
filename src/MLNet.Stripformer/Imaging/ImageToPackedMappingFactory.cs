using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLNet.Stripformer.Imaging;

/// <summary>Input row of <see cref="ImageToPackedMappingFactory"/> (private column name).</summary>
public sealed class ImageToPackedMappingInput
{
    /// <summary>An ML.NET image.</summary>
    [ColumnName(ImageToPackedMappingFactory.InputColumnName)]
    public MLImage? Image { get; set; }
}

/// <summary>Output row of <see cref="ImageToPackedMappingFactory"/>.</summary>
public sealed class ImageToPackedMappingOutput
{
    /// <summary>The packed image.</summary>
    [ColumnName(ImageToPackedMappingFactory.OutputColumnName)]
    public float[] Packed { get; set; } = [];
}

/// <summary>The persistable step that turns an ML.NET image column (<see cref="MLImage"/>) into the packed layout
/// the transforms run on (see <see cref="MLImageConversion"/>).</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ImageToPackedMappingFactory : CustomMappingFactory<ImageToPackedMappingInput, ImageToPackedMappingOutput>
{
    /// <summary>The contract name saved in models.</summary>
    public const string ContractName = "MLNet.Stripformer.ImageToPacked";

    internal const string InputColumnName = "__stripformer_mlimage_in";
    internal const string OutputColumnName = "__stripformer_mlimage_packed";

    /// <inheritdoc/>
    public override Action<ImageToPackedMappingInput, ImageToPackedMappingOutput> GetMapping()
    {
        MLImageConversion.RegisterImageType();
        return static (input, output) => output.Packed = input.Image is { } image
            ? PackedImage.Pack(MLImageConversion.ToRgbImage(image))
            : throw new InvalidDataException("An image column holds a missing image (a file LoadImages could not read?).");
    }
}
