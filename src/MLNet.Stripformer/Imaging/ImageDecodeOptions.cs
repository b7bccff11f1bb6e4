namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Limits and conversions applied when an image file is decoded. The limits are checked against the file size and
/// the dimensions in the header before any pixel memory is allocated, so a decompression bomb is refused cheaply.
/// </summary>
public sealed record ImageDecodeOptions
{
    /// <summary>Default <see cref="MaxPixels"/>: 100 megapixels (1.2 GB as float RGB).</summary>
    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>Default <see cref="MaxBytes"/>: 256 MiB.</summary>
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    /// <summary>The defaults.</summary>
    public static ImageDecodeOptions Default { get; } = new();

    /// <summary>Largest width times height accepted; larger images are refused before decoding.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>Largest file size in bytes accepted.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>What to do with an alpha channel.</summary>
    public AlphaHandling Alpha { get; init; } = AlphaHandling.CompositeOnWhite;

    /// <summary>Rotate and flip the image as its EXIF orientation tag says (default true), then drop the tag.</summary>
    public bool ApplyExifOrientation { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (MaxPixels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPixels), MaxPixels, $"{nameof(MaxPixels)} must be at least 1.");
        }

        if (MaxBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBytes), MaxBytes, $"{nameof(MaxBytes)} must be at least 1.");
        }

        if (!Enum.IsDefined(Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, $"{nameof(Alpha)} is not a known {nameof(AlphaHandling)}.");
        }
    }
}
