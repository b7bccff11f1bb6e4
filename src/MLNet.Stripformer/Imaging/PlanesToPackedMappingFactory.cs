using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLNet.Stripformer.Imaging;

/// <summary>Input row of <see cref="PlanesToPackedMappingFactory"/> (private column names).</summary>
public sealed class PlanesToPackedMappingInput
{
    /// <summary>Planar RGB samples in [0, 1] (what <c>ExtractPixels</c> gives with scale 1/255, not interleaved).</summary>
    [ColumnName(PlanesToPackedMappingFactory.PlanesColumnName)]
    public float[] Planes { get; set; } = [];

    /// <summary>"height,width" of the images, recorded when the step was fitted.</summary>
    [ColumnName(PlanesToPackedMappingFactory.SizeColumnName)]
    public string Size { get; set; } = string.Empty;
}

/// <summary>Output row of <see cref="PlanesToPackedMappingFactory"/>.</summary>
public sealed class PlanesToPackedMappingOutput
{
    /// <summary>The packed image.</summary>
    [ColumnName(PlanesToPackedMappingFactory.OutputColumnName)]
    public float[] Packed { get; set; } = [];
}

/// <summary>The persistable step that turns the planes of a fixed-size image column (after <c>ResizeImages</c>,
/// through ML.NET's own <c>ExtractPixels</c>) into the packed layout.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PlanesToPackedMappingFactory : CustomMappingFactory<PlanesToPackedMappingInput, PlanesToPackedMappingOutput>
{
    /// <summary>The contract name saved in models.</summary>
    public const string ContractName = "MLNet.Stripformer.PlanesToPacked";

    internal const string PlanesColumnName = "__stripformer_planes_in";
    internal const string SizeColumnName = "__stripformer_planes_size";
    internal const string OutputColumnName = "__stripformer_planes_packed";

    /// <inheritdoc/>
    public override Action<PlanesToPackedMappingInput, PlanesToPackedMappingOutput> GetMapping() => static (input, output) =>
    {
        string[] size = input.Size.Split(',');
        int height = int.Parse(size[0], System.Globalization.CultureInfo.InvariantCulture);
        int width = int.Parse(size[1], System.Globalization.CultureInfo.InvariantCulture);
        output.Packed = PackedImage.Pack(new RgbImage(width, height, input.Planes));
    };
}
