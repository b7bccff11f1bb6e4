namespace MLNet.Stripformer.Imaging;

/// <summary>Finds the image files in a directory by extension.</summary>
public static class ImageFiles
{
    /// <summary>The extensions treated as images (lower case, with the dot).</summary>
    public static IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".bmp", ".dib", ".gif", ".webp", ".tif", ".tiff", ".tga",
        ".pbm", ".pgm", ".ppm", ".pnm", ".exr",
    };

    /// <summary>Whether a path has an image extension.</summary>
    /// <param name="path">A file path.</param>
    public static bool HasImageExtension(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>The image files of a directory, in ordinal order of their paths (stable across machines).</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="recursive">Look in subdirectories too.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static IReadOnlyList<string> InDirectory(string directory, bool recursive = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The image directory '{directory}' does not exist.");
        }

        var option = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        return Directory.EnumerateFiles(directory, "*", option)
            .Where(f => HasImageExtension(f) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
