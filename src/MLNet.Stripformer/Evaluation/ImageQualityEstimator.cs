using Microsoft.ML;
using Microsoft.ML.Data;
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
    private const string PackedLabelColumnName = "__stripformer_quality_packed_label";
    private const string PackedScoreColumnName = "__stripformer_quality_packed_score";

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
        var labelIsImage = ImageColumnLayouts.Of(input.Schema, _label, "label") == ImageColumnLayout.MLImage;
        var scoreIsImage = ImageColumnLayouts.Of(input.Schema, _score, "score") == ImageColumnLayout.MLImage;
        if (!labelIsImage && !scoreIsImage)
        {
            return new ImageQualityTransformer(BuildChain(_label, _score).Fit(input), _label, _score);
        }

        // ML.NET images: compare their packed twins (MLImageColumns), then drop them.
        var steps = new List<ITransformer>();
        var data = input;
        string Packed(bool isImage, string column, string twin)
        {
            if (!isImage)
            {
                return column;
            }

            var step = MLImageColumns.ToPacked(_inner, data, column, twin);
            steps.Add(step);
            data = step.Transform(data);
            return twin;
        }

        string label = Packed(labelIsImage, _label, PackedLabelColumnName), score = Packed(scoreIsImage, _score, PackedScoreColumnName);
        var twins = new[] { label, score }.Where(c => c is PackedLabelColumnName or PackedScoreColumnName).ToArray();
        steps.Add(BuildChain(label, score).Append(_inner.Transforms.DropColumns(twins)).Fit(data));
        return new ImageQualityTransformer(new TransformerChain<ITransformer>([.. steps]), _label, _score);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        bool images = ImageColumnLayouts.Of(inputSchema, _label, "label") == ImageColumnLayout.MLImage
            | ImageColumnLayouts.Of(inputSchema, _score, "score") == ImageColumnLayout.MLImage;
        if (!images)
        {
            return BuildChain(_label, _score).GetOutputSchema(inputSchema);
        }

        // ML.NET has no public way to add a column to a SchemaShape, and its shape check refuses custom mappings of
        // image columns; the two Double columns the fitted transform adds are made here by a text-to-Double conversion.
        return ConstantTextColumn.Create(_inner, ImageQualityMappingFactory.NamesColumnName, "0")
            .Append(_inner.Transforms.Conversion.ConvertType(
                [new InputOutputColumnPair(_psnr, ImageQualityMappingFactory.NamesColumnName), new InputOutputColumnPair(_ssim, ImageQualityMappingFactory.NamesColumnName)],
                DataKind.Double))
            .Append(_inner.Transforms.DropColumns(ImageQualityMappingFactory.NamesColumnName))
            .GetOutputSchema(inputSchema);
    }

    private IEstimator<ITransformer> BuildChain(string label, string score)
    {
        var mapping = ConstantTextColumn.Create(_inner, ImageQualityMappingFactory.NamesColumnName, $"{_label}|{_score}")
            .Append(_inner.Transforms.CustomMapping(new ImageQualityMappingFactory().GetMapping(), ImageQualityMappingFactory.ContractName));
        return ColumnMappingChain.Build(
            _inner.Transforms,
            [(label, ImageQualityMappingFactory.LabelColumnName), (score, ImageQualityMappingFactory.ScoreColumnName)],
            mapping,
            [(ImageQualityMappingFactory.PsnrColumnName, _psnr), (ImageQualityMappingFactory.SsimColumnName, _ssim)],
            [ImageQualityMappingFactory.NamesColumnName]);
    }
}
