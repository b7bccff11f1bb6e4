using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Decodes image files (PNG, JPEG including progressive and CMYK, BMP, GIF, WebP, TIFF, TGA, PBM/PGM/PPM) with
/// ImageSharp into <see cref="RgbImage"/>: 8- and 16-bit samples keep their precision, grayscale is copied to the
/// three channels, palettes are expanded, alpha is handled as <see cref="ImageDecodeOptions.Alpha"/> says and the
/// EXIF orientation is applied. Every failure is an <see cref="ImageLoadException"/> that names the file.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Decodes one file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Limits and conversions; <see cref="ImageDecodeOptions.Default"/> when null.</param>
    /// <exception cref="ImageLoadException">The file cannot be loaded; the message says why.</exception>
    public static RgbImage Decode(string path, ImageDecodeOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= ImageDecodeOptions.Default;
        options.Validate();
        return Decode(ReadBounded(path, options.MaxBytes), path, options);
    }

    /// <summary>Decodes an image held in memory.</summary>
    /// <param name="bytes">The encoded file.</param>
    /// <param name="name">A name for the data (a file name, a URL) used in error messages.</param>
    /// <param name="options">Limits and conversions; <see cref="ImageDecodeOptions.Default"/> when null.</param>
    /// <exception cref="ImageLoadException">The data cannot be decoded; the message says why.</exception>
    public static RgbImage Decode(byte[] bytes, string name, ImageDecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        options ??= ImageDecodeOptions.Default;
        options.Validate();
        if (bytes.Length == 0)
        {
            throw new ImageLoadException(name, "the file is empty");
        }

        if (bytes.Length > options.MaxBytes)
        {
            throw new ImageLoadException(name, $"the file has {bytes.Length} bytes, more than the limit of {options.MaxBytes} (MaxBytes)");
        }

        if ((BmpHeaderCheck.Find(bytes) ?? TiffDirectoryCheck.Check(bytes, out bytes)) is { } badHeader)
        {
            throw new ImageLoadException(name, badHeader);
        }

        try
        {
            var configuration = DecoderConfiguration.FirstFrameOnly;
            var (info, format) = Identify(bytes, name, configuration);
            if (TruncationCheck.Find(bytes, format.Name) is { } truncated)
            {
                throw new ImageLoadException(name, truncated);
            }

            long pixels = (long)info.Width * info.Height;
            if (info.Width < 1 || info.Height < 1)
            {
                throw new ImageLoadException(name, $"the header gives an empty size {info.Width}x{info.Height}");
            }

            if (pixels > options.MaxPixels)
            {
                throw new ImageLoadException(
                    name, $"the image is {info.Width}x{info.Height} ({pixels} pixels), more than the limit of {options.MaxPixels} (MaxPixels)");
            }

            return IsWide(info) ? DecodeAs<Rgba64>(bytes, configuration, options) : DecodeAs<Rgba32>(bytes, configuration, options);
        }
        catch (ImageLoadException)
        {
            throw;
        }
        catch (UnknownImageFormatException ex)
        {
            throw new ImageLoadException(name, "the format is not recognised or not supported", ex);
        }
        catch (InvalidImageContentException ex)
        {
            throw new ImageLoadException(name, $"the file is corrupt or truncated ({ex.Message})", ex);
        }
        catch (InvalidMemoryOperationException ex)
        {
            throw new ImageLoadException(name, $"decoding needs more memory than allowed ({ex.Message})", ex);
        }
        catch (OutOfMemoryException ex)
        {
            // A decoder asked for an array the runtime refuses ("Array dimensions exceeded supported range"): the
            // request failed before anything was allocated, so the process is unharmed.
            throw new ImageLoadException(name, $"the header asks for more memory than can be allocated ({ex.Message})", ex);
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException or InvalidOperationException
                                       or ArgumentException or IndexOutOfRangeException or EndOfStreamException
                                       or IOException or InvalidDataException or ArithmeticException or NullReferenceException)
        {
            throw new ImageLoadException(name, $"the file is corrupt or unsupported ({ex.GetType().Name}: {ex.Message})", ex);
        }
    }

    private static byte[] ReadBounded(string path, long maxBytes)
    {
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (!file.Exists)
            {
                throw new ImageLoadException(path, Directory.Exists(path) ? "it is a directory, not a file" : "the file does not exist");
            }

            if (file.Length > maxBytes)
            {
                throw new ImageLoadException(path, $"the file has {file.Length} bytes, more than the limit of {maxBytes} (MaxBytes)");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new ImageLoadException(path, $"the file cannot be read ({ex.Message})", ex);
        }
    }

    private static (IImageInfo Info, IImageFormat Format) Identify(byte[] bytes, string name, Configuration configuration)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        IImageInfo? info = Image.Identify(configuration, stream, out IImageFormat? format);
        if (info is null || format is null)
        {
            throw new ImageLoadException(name, "the format is not recognised or not supported");
        }

        return (info, format);
    }

    private static bool IsWide(IImageInfo info)
    {
        int bits = info.PixelType?.BitsPerPixel ?? 32;
        return bits is 16 or > 32 || info.Metadata.GetPngMetadata().BitDepth == PngBitDepth.Bit16;
    }

    private static RgbImage DecodeAs<TPixel>(byte[] bytes, Configuration configuration, ImageDecodeOptions options)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using Image<TPixel> image = Image.Load<TPixel>(configuration, stream);
        if (options.ApplyExifOrientation)
        {
            image.Mutate(x => x.AutoOrient());
        }

        return PixelConversion.ToRgbImage(image, options.Alpha);
    }
}
