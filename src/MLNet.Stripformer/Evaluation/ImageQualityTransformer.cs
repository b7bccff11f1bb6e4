using Microsoft.ML;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Persistence;

namespace MLNet.Stripformer.Evaluation;

/// <summary>Adds per-row PSNR and SSIM columns (see <see cref="ImageQualityEstimator"/>).</summary>
public sealed class ImageQualityTransformer : DelegatingTransformer
{
    internal ImageQualityTransformer(ITransformer inner, string labelColumnName, string scoreColumnName)
        : base(inner)
    {
        LabelColumnName = labelColumnName;
        ScoreColumnName = scoreColumnName;
    }

    /// <summary>The ground-truth image column.</summary>
    public string LabelColumnName { get; }

    /// <summary>The restored image column.</summary>
    public string ScoreColumnName { get; }

    /// <inheritdoc/>
    private protected override void ValidateInput(DataViewSchema inputSchema)
    {
        ImageColumnLayouts.Of(inputSchema, LabelColumnName, "label");
        ImageColumnLayouts.Of(inputSchema, ScoreColumnName, "score");
    }
}
