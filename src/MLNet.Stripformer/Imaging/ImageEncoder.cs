using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Writes images to files. The format follows the extension (.png, .jpg/.jpeg, .bmp, .tif/.tiff, .webp; PNG is
/// lossless and the default choice). The file is written to a temporary name in the same directory and renamed
/// over the target only when complete, so a crash never leaves a half-written image.
/// </summary>
public static class ImageEncoder
{
    /// <summary>Saves an image.</summary>
    /// <param name="image">The image.</param>
    /// <param name="path">The target file; its extension picks the format.</param>
    /// <param name="sixteenBit">Write 16-bit samples (PNG and TIFF only); 8-bit otherwise.</param>
    /// <exception cref="NotSupportedException">The extension is not a format the encoder writes.</exception>
    public static void Save(RgbImage image, string path, bool sixteenBit = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrEmpty(path);
        IImageEncoder encoder = EncoderFor(path, sixteenBit);
        AtomicFile.Write(path, stream =>
        {
            if (sixteenBit)
            {
                using var wide = PixelConversion.ToRgb48(image);
                wide.Save(stream, encoder);
            }
            else
            {
                using var narrow = PixelConversion.ToRgb24(image);
                narrow.Save(stream, encoder);
            }
        });
    }

    /// <summary>Writes an image as an 8-bit PNG to a stream (for a web response, say).</summary>
    /// <param name="image">The image.</param>
    /// <param name="stream">Where the PNG goes.</param>
    public static void SavePng(RgbImage image, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(stream);
        using var narrow = PixelConversion.ToRgb24(image);
        narrow.Save(stream, EncoderFor(".png", sixteenBit: false));
    }

    private static IImageEncoder EncoderFor(string path, bool sixteenBit)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (sixteenBit && extension is not (".png" or ".tif" or ".tiff"))
        {
            throw new NotSupportedException($"Cannot write 16-bit samples to '{path}': only PNG and TIFF hold them.");
        }

        return extension switch
        {
            ".png" => new PngEncoder
            {
                BitDepth = sixteenBit ? PngBitDepth.Bit16 : PngBitDepth.Bit8,
                ColorType = PngColorType.Rgb,
            },
            ".jpg" or ".jpeg" => new JpegEncoder { Quality = 95 },
            ".bmp" => new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 },
            ".tif" or ".tiff" => new TiffEncoder { BitsPerPixel = sixteenBit ? null : TiffBitsPerPixel.Bit24 },
            ".webp" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
            _ => throw new NotSupportedException(
                $"Cannot write '{path}': the extension '{extension}' is not one of .png, .jpg, .jpeg, .bmp, .tif, .tiff, .webp."),
        };
    }
}
