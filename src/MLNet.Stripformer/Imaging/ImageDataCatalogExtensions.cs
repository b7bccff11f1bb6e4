using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Stripformer.Imaging;

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
}
