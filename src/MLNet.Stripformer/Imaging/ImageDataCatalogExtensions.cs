using Microsoft.ML;
using MLNet.Stripformer.Imaging;
using Microsoft.ML.Data;

namespace MLNet.Stripformer;

/// <summary>Loads image files into an <see cref="IDataView"/> with a path column and a packed image column.</summary>
public static class ImageDataCatalogExtensions
{
    /// <summary>Loads every image file of a directory (by extension, in ordinal path order).</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="directory">The directory.</param>
    /// <param name="options">Column names, decode limits and the bad-file policy.</param>
    /// <returns>A lazily decoded data view; decoding happens as cursors move.</returns>
    public static IDataView LoadImagesFromDirectory(this DataOperationsCatalog catalog, string directory, ImageLoadOptions? options = null)
    {
        options ??= new ImageLoadOptions();
        options.Validate();
        return catalog.LoadImages(ImageFiles.InDirectory(directory, options.Recursive), options);
    }

    /// <summary>Loads the given image files, in the given order.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="paths">The files.</param>
    /// <param name="options">Column names, decode limits and the bad-file policy.</param>
    /// <returns>A lazily decoded data view; decoding happens as cursors move.</returns>
    public static IDataView LoadImages(this DataOperationsCatalog catalog, IEnumerable<string> paths, ImageLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new ImageLoadOptions();
        options.Validate();
        var list = paths.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            if (string.IsNullOrEmpty(list[i]))
            {
                throw new ArgumentException($"Image path number {i} is empty.", nameof(paths));
            }
        }

        var schema = SchemaDefinition.Create(typeof(ImageFileRow));
        schema[nameof(ImageFileRow.Path)].ColumnName = options.PathColumnName;
        schema[nameof(ImageFileRow.Image)].ColumnName = options.ImageColumnName;
        return catalog.LoadFromEnumerable(new ImageFileSequence(list, options), schema);
    }

    /// <summary>Loads a single image file.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="path">The file.</param>
    /// <param name="options">Column names and decode limits.</param>
    public static IDataView LoadImage(this DataOperationsCatalog catalog, string path, ImageLoadOptions? options = null) =>
        catalog.LoadImages([path], options);

    /// <summary>
    /// Writes the images of a column as PNG files into a directory, one per row, atomically. Each file is named after
    /// the row's path column (its base name, so nothing is written outside the directory) or, without one,
    /// <c>row-N</c>; two rows with the same name are refused before anything is written.
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="data">The data.</param>
    /// <param name="imageColumnName">The packed image column to write.</param>
    /// <param name="outputDirectory">The directory (created if missing).</param>
    /// <param name="pathColumnName">A text column naming each row's source file; ignored when absent.</param>
    /// <param name="sixteenBit">Write 16-bit PNGs instead of 8-bit.</param>
    /// <returns>The files written, in row order.</returns>
    public static IReadOnlyList<string> SaveImages(
        this DataOperationsCatalog catalog, IDataView data, string imageColumnName, string outputDirectory, string? pathColumnName = "Path", bool sixteenBit = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        var image = ImageColumn.Require(data.Schema, imageColumnName, "output");
        var path = pathColumnName is null ? null : data.Schema.GetColumnOrNull(pathColumnName);
        bool named = path is { Type: TextDataViewType };
        var names = named ? data.GetColumn<string>(path!.Value).Select((p, i) => Path.GetFileNameWithoutExtension(p) is { Length: > 0 } n ? n : $"row-{i}").ToList() : null;
        if (names is not null)
        {
            string? duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (duplicate is not null)
            {
                throw new ArgumentException($"Several rows of '{pathColumnName}' are named '{duplicate}'; their images would overwrite each other in '{outputDirectory}'.");
            }
        }

        var written = new List<string>();
        using var cursor = data.GetRowCursor([image]);
        var getter = cursor.GetGetter<VBuffer<float>>(image);
        VBuffer<float> value = default;
        for (int row = 0; cursor.MoveNext(); row++)
        {
            getter(ref value);
            string file = Path.Combine(outputDirectory, (names?[row] ?? $"row-{row}") + ".png");
            ImageEncoder.Save(ImageColumn.Unpack(value, $"Column '{imageColumnName}' row {row}"), file, sixteenBit);
            written.Add(file);
        }

        return written;
    }
}
