using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Stripformer.Imaging;

/// <summary>Reads images out of a packed image column of an <see cref="IDataView"/>.</summary>
public static class ImageColumn
{
    /// <summary>Checks that a column exists and has the packed image type (a vector of <see cref="float"/>).</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="columnName">The column.</param>
    /// <param name="role">What the column is for, for the message (e.g. "input", "label").</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentException">The column is missing or of another type.</exception>
    public static DataViewSchema.Column Require(DataViewSchema schema, string columnName, string role)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentException.ThrowIfNullOrEmpty(columnName);
        var column = schema.GetColumnOrNull(columnName) ?? throw new ArgumentException(
            $"The {role} image column '{columnName}' is not in the data; its columns are: {string.Join(", ", schema.Select(c => c.Name))}.");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType number } || number.RawType != typeof(float))
        {
            throw new ArgumentException(
                $"The {role} image column '{columnName}' has type {column.Type}; an image column must be a vector of Single " +
                "in the packed image format ([height, width, red plane, green plane, blue plane]).");
        }

        return column;
    }

    /// <summary>Enumerates the images of a column, decoding each packed vector.</summary>
    /// <param name="data">The data.</param>
    /// <param name="columnName">The image column.</param>
    public static IEnumerable<RgbImage> Read(IDataView data, string columnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        var column = Require(data.Schema, columnName, "input");
        return ReadCore(data, column);
    }

    /// <summary>Unpacks an image from a vector value (dense or sparse).</summary>
    /// <param name="buffer">The packed vector.</param>
    /// <param name="source">What the value is (column and row) for error messages.</param>
    public static RgbImage Unpack(in VBuffer<float> buffer, string source)
    {
        if (buffer.IsDense)
        {
            return PackedImage.Unpack(buffer.GetValues(), source);
        }

        var dense = new float[buffer.Length];
        buffer.CopyTo(dense);
        return PackedImage.Unpack(dense, source);
    }

    private static IEnumerable<RgbImage> ReadCore(IDataView data, DataViewSchema.Column column)
    {
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        long row = 0;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            yield return Unpack(buffer, $"Column '{column.Name}' row {row}");
            row++;
        }
    }
}
