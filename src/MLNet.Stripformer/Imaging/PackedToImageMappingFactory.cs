using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLNet.Stripformer.Imaging;

/// <summary>Input row of <see cref="PackedToImageMappingFactory"/> (private column name).</summary>
public sealed class PackedToImageMappingInput
{
    /// <summary>A packed image.</summary>
    [ColumnName(PackedToImageMappingFactory.InputColumnName)]
    public float[] Packed { get; set; } = [];
}

/// <summary>Output row of <see cref="PackedToImageMappingFactory"/>.</summary>
public sealed class PackedToImageMappingOutput
{
    /// <summary>The ML.NET image: 8-bit BGRA, opaque.</summary>
    [ColumnName(PackedToImageMappingFactory.OutputColumnName)]
    public MLImage? Image { get; set; }
}

/// <summary>The persistable step that turns a packed image back into an ML.NET image column (see <see cref="MLImageConversion"/>).</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PackedToImageMappingFactory : CustomMappingFactory<PackedToImageMappingInput, PackedToImageMappingOutput>
{
    /// <summary>The contract name saved in models.</summary>
    public const string ContractName = "MLNet.Stripformer.PackedToImage";

    internal const string InputColumnName = "__stripformer_packed_out";
    internal const string OutputColumnName = "__stripformer_mlimage_out";

    /// <inheritdoc/>
    public override Action<PackedToImageMappingInput, PackedToImageMappingOutput> GetMapping()
    {
        MLImageConversion.RegisterImageType();
        return static (input, output) => output.Image = MLImageConversion.ToMLImage(PackedImage.Unpack(input.Packed, "a deblurred image"));
    }
}
