namespace MLNet.Stripformer.Imaging;

/// <summary>Options for loading a set of image files into an <c>IDataView</c>.</summary>
public sealed record ImageLoadOptions
{
    /// <summary>Name of the text column holding each file's path.</summary>
    public string PathColumnName { get; init; } = "Path";

    /// <summary>Name of the image column (see <see cref="PackedImage"/> for its format).</summary>
    public string ImageColumnName { get; init; } = "Image";

    /// <summary>Limits and conversions for each file.</summary>
    public ImageDecodeOptions Decode { get; init; } = ImageDecodeOptions.Default;

    /// <summary>Fail on the first bad file (default) or skip bad files and report them.</summary>
    public BadFilePolicy BadFiles { get; init; } = BadFilePolicy.Fail;

    /// <summary>Where skipped files are recorded; give your own instance to read it after the data was used.</summary>
    public ImageLoadReport Report { get; init; } = new();

    /// <summary>Files decoded ahead on the thread pool while the consumer works on the current one; 1 decodes on the
    /// consumer's thread; null (default) picks a quarter of the cores, 1 to 8. Memory holds this many decoded images.</summary>
    public int? DecodeAhead { get; init; }

    /// <summary>Look in subdirectories too when loading a directory (default false).</summary>
    public bool Recursive { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(PathColumnName))
        {
            throw new ArgumentException($"{nameof(PathColumnName)} must not be empty.", nameof(PathColumnName));
        }

        if (string.IsNullOrWhiteSpace(ImageColumnName))
        {
            throw new ArgumentException($"{nameof(ImageColumnName)} must not be empty.", nameof(ImageColumnName));
        }

        if (PathColumnName == ImageColumnName)
        {
            throw new ArgumentException($"{nameof(PathColumnName)} and {nameof(ImageColumnName)} must differ ('{ImageColumnName}').", nameof(ImageColumnName));
        }

        if (!Enum.IsDefined(BadFiles))
        {
            throw new ArgumentOutOfRangeException(nameof(BadFiles), BadFiles, $"{nameof(BadFiles)} is not a known {nameof(BadFilePolicy)}.");
        }

        if (DecodeAhead is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(DecodeAhead), DecodeAhead, $"{nameof(DecodeAhead)} must be between 1 and 64.");
        }

        ArgumentNullException.ThrowIfNull(Decode, nameof(Decode));
        ArgumentNullException.ThrowIfNull(Report, nameof(Report));
        Decode.Validate();
    }
}
