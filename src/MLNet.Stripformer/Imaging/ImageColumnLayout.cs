using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace MLNet.Stripformer.Imaging;

/// <summary>How an image column holds its images.</summary>
public enum ImageColumnLayout
{
    /// <summary>This library's packed layout: a variable-size vector of Single [height, width, R..., G..., B...] in
    /// [0, 1] (<c>LoadImagesFromDirectory</c>, <see cref="PackedImage"/>).</summary>
    Packed,

    /// <summary>ML.NET's own image type (<c>ImageDataViewType</c> holding <c>MLImage</c>: <c>LoadImages</c>,
    /// <c>ResizeImages</c>, an <c>MLImage</c> property).</summary>
    MLImage,
}

/// <summary>Tells the layout of an image column, or refuses it with a message that says what it holds and what is read.</summary>
public static class ImageColumnLayouts
{
    /// <summary>The layout of a column of <paramref name="schema"/>.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="columnName">The column.</param>
    /// <param name="role">What the column is for, for the message.</param>
    /// <exception cref="ArgumentException">The column is missing or holds neither layout; the message names it.</exception>
    public static ImageColumnLayout Of(DataViewSchema schema, string columnName, string role)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var column = schema.GetColumnOrNull(columnName) ?? throw Missing(columnName, role, schema.Select(c => c.Name));
        return Of(column.Type, columnName, role);
    }

    /// <summary>The layout of a column of an estimator's input shape.</summary>
    /// <param name="shape">The input shape.</param>
    /// <param name="columnName">The column.</param>
    /// <param name="role">What the column is for, for the message.</param>
    /// <exception cref="ArgumentException">The column is missing or holds neither layout; the message names it.</exception>
    public static ImageColumnLayout Of(SchemaShape shape, string columnName, string role)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var column = shape.FirstOrDefault(c => c.Name == columnName);
        if (column.Name is null)
        {
            throw Missing(columnName, role, shape.Select(c => c.Name));
        }

        return column.ItemType is ImageDataViewType ? ImageColumnLayout.MLImage
            : column.Kind == SchemaShape.Column.VectorKind.VariableVector && column.ItemType.RawType == typeof(float) ? ImageColumnLayout.Packed
            : throw Refusal(columnName, role, column.Kind == SchemaShape.Column.VectorKind.Vector ? $"a fixed-size vector of {column.ItemType}" : $"{column.ItemType}");
    }

    private static ImageColumnLayout Of(DataViewType type, string columnName, string role) => type switch
    {
        ImageDataViewType => ImageColumnLayout.MLImage, // any size (LoadImages) or one size (ResizeImages)
        VectorDataViewType { ItemType: NumberDataViewType number, IsKnownSize: false } when number.RawType == typeof(float) => ImageColumnLayout.Packed,
        VectorDataViewType { IsKnownSize: true } vector => throw Refusal(columnName, role, $"a fixed-size vector {vector} (dimensions {string.Join(" x ", vector.Dimensions)})"),
        _ => throw Refusal(columnName, role, type.ToString() ?? type.GetType().Name),
    };

    private static ArgumentException Missing(string columnName, string role, IEnumerable<string> columns) =>
        new($"The {role} image column '{columnName}' is not in the data; its columns are: {string.Join(", ", columns)}.");

    private static ArgumentException Refusal(string columnName, string role, string holds) => new(
        $"The {role} image column '{columnName}' holds {holds}, which is not an image layout this transform reads. It reads ML.NET " +
        "images (LoadImages, ResizeImages, an MLImage property) or packed images (a variable-size vector of Single [height, width, " +
        "R..., G..., B...] in [0, 1], from LoadImagesFromDirectory). For ExtractPixels output, add " +
        $"mlContext.Transforms.PixelsToImage(\"{columnName}Image\", \"{columnName}\", ...) with the options ExtractPixels was given, " +
        "and give this transform that image column.");
}
