using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Evaluation;

/// <summary>Input row of the quality mapping (private column names).</summary>
public sealed class ImageQualityMappingInput
{
    /// <summary>The packed ground-truth image.</summary>
    [ColumnName(ImageQualityMappingFactory.LabelColumnName)]
    public float[] Label { get; set; } = [];

    /// <summary>The packed image to score.</summary>
    [ColumnName(ImageQualityMappingFactory.ScoreColumnName)]
    public float[] Score { get; set; } = [];

    /// <summary>The user's column names, "label|score", for error messages.</summary>
    [ColumnName(ImageQualityMappingFactory.NamesColumnName)]
    public string Names { get; set; } = string.Empty;
}

/// <summary>Output row of the quality mapping.</summary>
public sealed class ImageQualityMappingOutput
{
    /// <summary>PSNR in decibels.</summary>
    [ColumnName(ImageQualityMappingFactory.PsnrColumnName)]
    public double Psnr { get; set; }

    /// <summary>SSIM (NaN for images smaller than 11x11).</summary>
    [ColumnName(ImageQualityMappingFactory.SsimColumnName)]
    public double Ssim { get; set; }
}

/// <summary>The stateless, persistable mapping behind <see cref="ImageQualityEstimator"/>.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ImageQualityMappingFactory : CustomMappingFactory<ImageQualityMappingInput, ImageQualityMappingOutput>
{
    /// <summary>The contract name saved in models.</summary>
    public const string ContractName = "MLNet.Stripformer.ImageQuality";

    internal const string LabelColumnName = "__stripformer_quality_label";
    internal const string ScoreColumnName = "__stripformer_quality_score";
    internal const string NamesColumnName = "__stripformer_quality_names";
    internal const string PsnrColumnName = "__stripformer_quality_psnr";
    internal const string SsimColumnName = "__stripformer_quality_ssim";

    /// <inheritdoc/>
    public override Action<ImageQualityMappingInput, ImageQualityMappingOutput> GetMapping() => Map;

    private static void Map(ImageQualityMappingInput input, ImageQualityMappingOutput output)
    {
        string[] names = input.Names.Split('|');
        var label = PackedImage.Unpack(input.Label, $"Label column '{names[0]}'");
        var score = PackedImage.Unpack(input.Score, $"Score column '{names[^1]}'");
        (output.Psnr, output.Ssim) = ImageComparison.Compare(label, score, $"label '{names[0]}'", $"score '{names[^1]}'");
    }
}
