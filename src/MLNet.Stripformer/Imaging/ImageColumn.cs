using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Stripformer.Imaging;

/// <summary>Reads images out of an image column of an <see cref="IDataView"/> (packed, or ML.NET's <c>MLImage</c>).</summary>
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

    /// <summary>Enumerates the images of a column (packed vectors or ML.NET images).</summary>
    /// <param name="data">The data.</param>
    /// <param name="columnName">The image column.</param>
    public static IEnumerable<RgbImage> Read(IDataView data, string columnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        var layout = ImageColumnLayouts.Of(data.Schema, columnName, "input");
        return ReadCore(data, data.Schema[columnName], layout);
    }

    /// <summary>A function that reads the cursor's current image in <paramref name="column"/>, whichever its layout.</summary>
    /// <param name="cursor">A cursor over the column.</param>
    /// <param name="column">The column.</param>
    /// <param name="layout">Its layout (<see cref="ImageColumnLayouts.Of(DataViewSchema, string, string)"/>).</param>
    internal static Func<string, RgbImage> Getter(DataViewRowCursor cursor, DataViewSchema.Column column, ImageColumnLayout layout)
    {
        if (layout == ImageColumnLayout.Packed)
        {
            var packed = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> buffer = default;
            return source =>
            {
                packed(ref buffer);
                return Unpack(buffer, source);
            };
        }

        var images = cursor.GetGetter<MLImage>(column);
        MLImage image = null!;
        return source =>
        {
            images(ref image);
            return image is null ? throw new InvalidDataException($"{source} holds no image.") : MLImageConversion.ToRgbImage(image);
        };
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

    private static IEnumerable<RgbImage> ReadCore(IDataView data, DataViewSchema.Column column, ImageColumnLayout layout)
    {
        using var cursor = data.GetRowCursor([column]);
        var read = Getter(cursor, column, layout);
        for (long row = 0; cursor.MoveNext(); row++)
        {
            yield return read($"Column '{column.Name}' row {row}");
        }
    }
}
