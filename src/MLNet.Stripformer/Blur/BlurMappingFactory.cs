using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Blur;

/// <summary>Input row of the blur mapping (private column names; the transform copies the user's columns).</summary>
public sealed class BlurMappingInput
{
    /// <summary>The packed sharp image.</summary>
    [ColumnName(BlurMappingFactory.ImageColumnName)]
    public float[] Image { get; set; } = [];

    /// <summary>The blur recipe text.</summary>
    [ColumnName(BlurMappingFactory.RecipeColumnName)]
    public string Recipe { get; set; } = string.Empty;
}

/// <summary>Output row of the blur mapping.</summary>
public sealed class BlurMappingOutput
{
    /// <summary>The packed blurred image.</summary>
    [ColumnName(BlurMappingFactory.OutputColumnName)]
    public float[] Blurred { get; set; } = [];
}

/// <summary>The stateless, persistable mapping behind <see cref="SynthesizeBlurEstimator"/>.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class BlurMappingFactory : CustomMappingFactory<BlurMappingInput, BlurMappingOutput>
{
    /// <summary>The contract name saved in models.</summary>
    public const string ContractName = "MLNet.Stripformer.SynthesizeBlur";

    internal const string ImageColumnName = "__stripformer_blur_in";
    internal const string RecipeColumnName = "__stripformer_blur_recipe";
    internal const string OutputColumnName = "__stripformer_blur_out";

    /// <inheritdoc/>
    public override Action<BlurMappingInput, BlurMappingOutput> GetMapping() => Map;

    private static void Map(BlurMappingInput input, BlurMappingOutput output)
    {
        var recipe = BlurRecipe.Parse(input.Recipe);
        var image = PackedImage.Unpack(input.Image, "The image to blur");
        output.Blurred = PackedImage.Pack(recipe.Apply(image, input.Image));
    }
}
