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
        var labelLayout = ImageColumnLayouts.Of(data.Schema, labelColumnName, "label");
        var scoreLayout = ImageColumnLayouts.Of(data.Schema, scoreColumnName, "score");
        DataViewSchema.Column label = data.Schema[labelColumnName], score = data.Schema[scoreColumnName];
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
        var labelGetter = ImageColumn.Getter(cursor, label, labelLayout);
        var scoreGetter = ImageColumn.Getter(cursor, score, scoreLayout);
        var pathGetter = path is { } pathColumn ? cursor.GetGetter<ReadOnlyMemory<char>>(pathColumn) : null;
        ReadOnlyMemory<char> pathValue = default;
        var results = new List<ImageQuality>();
        for (long row = 0; cursor.MoveNext(); row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? file = null;
            if (pathGetter is not null)
            {
                pathGetter(ref pathValue);
                file = pathValue.ToString();
            }

            string where = file is null ? $"row {row}" : $"row {row} ('{file}')";
            var reference = labelGetter($"Column '{labelColumnName}' {where}");
            var candidate = scoreGetter($"Column '{scoreColumnName}' {where}");
            var (psnr, ssim) = ImageComparison.Compare(
                reference, candidate, $"label '{labelColumnName}' at {where}", $"score '{scoreColumnName}' at {where}");
            results.Add(new ImageQuality(row, file, reference.Width, reference.Height, psnr, ssim));
            progress?.Report(row + 1);
        }

        return new DeblurringMetrics(results);
    }
}
