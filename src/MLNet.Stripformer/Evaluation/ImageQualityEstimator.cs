using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Persistence;

namespace MLNet.Stripformer.Evaluation;

/// <summary>
/// Adds per-row PSNR and SSIM columns (double) comparing a restored image column with its ground truth. Create it
/// with <c>mlContext.Transforms.ImageQuality(...)</c>; the fitted transformer saves and loads like any ML.NET model.
/// </summary>
public sealed class ImageQualityEstimator : IEstimator<ImageQualityTransformer>
{
    private readonly MLContext _inner = new();
    private readonly string _label;
    private readonly string _score;
    private readonly string _psnr;
    private readonly string _ssim;

    internal ImageQualityEstimator(IHostEnvironment environment, string labelColumnName, string scoreColumnName, string psnrColumnName, string ssimColumnName)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var (value, name) in new[] { (labelColumnName, nameof(labelColumnName)), (scoreColumnName, nameof(scoreColumnName)), (psnrColumnName, nameof(psnrColumnName)), (ssimColumnName, nameof(ssimColumnName)) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Contains('|') || value.Contains('"'))
            {
                throw new ArgumentException($"{name} must be a non-empty column name without '|' or quotes.", name);
            }
        }

        if (psnrColumnName == ssimColumnName)
        {
            throw new ArgumentException($"{nameof(psnrColumnName)} and {nameof(ssimColumnName)} must differ ('{psnrColumnName}').", nameof(ssimColumnName));
        }

        (_label, _score, _psnr, _ssim) = (labelColumnName, scoreColumnName, psnrColumnName, ssimColumnName);
        ComponentRegistration.Register(environment);
    }

    /// <inheritdoc/>
    public ImageQualityTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ImageColumn.Require(input.Schema, _label, "label");
        ImageColumn.Require(input.Schema, _score, "score");
        return new ImageQualityTransformer(BuildChain().Fit(input), _label, _score);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => BuildChain().GetOutputSchema(inputSchema);

    private IEstimator<ITransformer> BuildChain()
    {
        var mapping = ConstantTextColumn.Create(_inner, ImageQualityMappingFactory.NamesColumnName, $"{_label}|{_score}")
            .Append(_inner.Transforms.CustomMapping(new ImageQualityMappingFactory().GetMapping(), ImageQualityMappingFactory.ContractName));
        return ColumnMappingChain.Build(
            _inner.Transforms,
            [(_label, ImageQualityMappingFactory.LabelColumnName), (_score, ImageQualityMappingFactory.ScoreColumnName)],
            mapping,
            [(ImageQualityMappingFactory.PsnrColumnName, _psnr), (ImageQualityMappingFactory.SsimColumnName, _ssim)],
            [ImageQualityMappingFactory.NamesColumnName]);
    }
}
