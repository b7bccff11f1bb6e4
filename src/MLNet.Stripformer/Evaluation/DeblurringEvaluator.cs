using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Evaluation;

/// <summary>Computes <see cref="DeblurringMetrics"/> over the rows of an <see cref="IDataView"/>.</summary>
internal static class DeblurringEvaluator
{
    public static DeblurringMetrics Evaluate(
        IDataView data, string labelColumnName, string scoreColumnName, string? pathColumnName, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var label = ImageColumn.Require(data.Schema, labelColumnName, "label");
        var score = ImageColumn.Require(data.Schema, scoreColumnName, "score");
        DataViewSchema.Column? path = pathColumnName is null ? null : data.Schema.GetColumnOrNull(pathColumnName);
        if (path is { } p && p.Type is not TextDataViewType)
        {
            path = null;
        }

        var columns = new List<DataViewSchema.Column> { label, score };
        if (path is { } pc)
        {
            columns.Add(pc);
        }

        using var cursor = data.GetRowCursor(columns);
        var labelGetter = cursor.GetGetter<VBuffer<float>>(label);
        var scoreGetter = cursor.GetGetter<VBuffer<float>>(score);
        var pathGetter = path is { } pathColumn ? cursor.GetGetter<ReadOnlyMemory<char>>(pathColumn) : null;
        VBuffer<float> labelValue = default, scoreValue = default;
        ReadOnlyMemory<char> pathValue = default;
        var results = new List<ImageQuality>();
        for (long row = 0; cursor.MoveNext(); row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            labelGetter(ref labelValue);
            scoreGetter(ref scoreValue);
            string? file = null;
            if (pathGetter is not null)
            {
                pathGetter(ref pathValue);
                file = pathValue.ToString();
            }

            string where = file is null ? $"row {row}" : $"row {row} ('{file}')";
            var reference = ImageColumn.Unpack(labelValue, $"Column '{labelColumnName}' {where}");
            var candidate = ImageColumn.Unpack(scoreValue, $"Column '{scoreColumnName}' {where}");
            var (psnr, ssim) = ImageComparison.Compare(
                reference, candidate, $"label '{labelColumnName}' at {where}", $"score '{scoreColumnName}' at {where}");
            results.Add(new ImageQuality(row, file, reference.Width, reference.Height, psnr, ssim));
            progress?.Report(row + 1);
        }

        return new DeblurringMetrics(results);
    }
}
