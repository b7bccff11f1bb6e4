namespace MLNet.Stripformer.Imaging;

/// <summary>An image file could not be loaded: it is missing, empty, corrupt, truncated, too large or of an
/// unsupported format. The message names the file and the reason.</summary>
public sealed class ImageLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="reason">Why it was refused, in a few words.</param>
    /// <param name="inner">The decoder's exception, if any.</param>
    public ImageLoadException(string path, string reason, Exception? inner = null)
        : base($"Cannot load image '{path}': {reason}", inner)
    {
        FilePath = path;
        Reason = reason;
    }

    /// <summary>The file that was refused.</summary>
    public string FilePath { get; }

    /// <summary>Why it was refused.</summary>
    public string Reason { get; }
}
