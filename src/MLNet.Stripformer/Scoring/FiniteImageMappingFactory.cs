using MLNet.Stripformer.Imaging;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLNet.Stripformer.Scoring;

/// <summary>Input row of the finite-samples check (private column names).</summary>
public sealed class FiniteImageMappingInput
{
    /// <summary>The packed image to check.</summary>
    [ColumnName(FiniteImageMappingFactory.InputColumnName)]
    public float[] Image { get; set; } = [];

    /// <summary>The user's column name, for the error message.</summary>
    [ColumnName(FiniteImageMappingFactory.NameColumnName)]
    public string Name { get; set; } = string.Empty;
}

/// <summary>Output row of the finite-samples check: the same image.</summary>
public sealed class FiniteImageMappingOutput
{
    /// <summary>The packed image, unchanged.</summary>
    [ColumnName(DeblurGraph.InputName)]
    public float[] Image { get; set; } = [];
}

/// <summary>The persistable step in front of the ONNX model that refuses vectors that are not packed images, and
/// images holding NaN or infinity: a network would spread them over whole tiles, and ONNX Runtime would not say
/// where they came from.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class FiniteImageMappingFactory : CustomMappingFactory<FiniteImageMappingInput, FiniteImageMappingOutput>
{
    /// <summary>The contract name saved in models.</summary>
    public const string ContractName = "MLNet.Stripformer.FiniteImage";

    internal const string InputColumnName = "__stripformer_finite_in";
    internal const string NameColumnName = "__stripformer_finite_name";

    /// <inheritdoc/>
    public override Action<FiniteImageMappingInput, FiniteImageMappingOutput> GetMapping() => Map;

    private static void Map(FiniteImageMappingInput input, FiniteImageMappingOutput output)
    {
        var image = input.Image;
        try
        {
            PackedImage.ReadSize(image, $"Deblur: a row of the image column '{input.Name}'");
        }
        catch (FormatException e)
        {
            // Before ONNX Runtime sees it: its reshape error would not say which column or layout is wrong.
            throw new InvalidDataException(e.Message, e);
        }

        int bad = FiniteSamples.IndexOfNonFinite(image);
        if (bad >= 0)
        {
            throw new InvalidDataException($"Deblur: the image column '{input.Name}' holds {image[bad]} at sample {bad} of a row; images must hold finite values in [0, 1].");
        }

        output.Image = image;
    }
}
