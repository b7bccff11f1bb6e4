using MLNet.Stripformer.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace MLNet.Stripformer.Fuzz;

/// <summary>
/// <see cref="ImageDecoder.Decode(byte[], string, ImageDecodeOptions?)"/> on every format the loader accepts. Only
/// <see cref="ImageLoadException"/> may escape. The pixel limit is 4 megapixels, so each execution stays fast and
/// memory is bounded by the limit (48 MB of float samples).
/// </summary>
internal sealed class ImageTarget : IFuzzTarget
{
    private static readonly ImageDecodeOptions Limits = new() { MaxPixels = 4_000_000, MaxBytes = 16L * 1024 * 1024 };

    private static readonly (string Extension, IImageEncoder Encoder)[] Formats =
    [
        ("png", new PngEncoder()),
        ("jpg", new JpegEncoder { Quality = 90 }),
        ("bmp", new BmpEncoder()),
        ("gif", new GifEncoder()),
        ("webp", new WebpEncoder()),
        ("tiff", new TiffEncoder()),
        ("tga", new TgaEncoder()),
        ("ppm", new PbmEncoder()),
    ];

    public string Name => "image";

    /// <summary>A 16x12 gradient in each format, beside the photos and odd files that <c>fuzz/run.sh</c> copies.</summary>
    public void WriteSeeds(string directory)
    {
        using var image = new Image<Rgba32>(16, 12);
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                image[x, y] = new Rgba32((byte)(x * 16), (byte)(y * 20), (byte)((x + y) * 8), (byte)(255 - x));
            }
        }

        foreach (var (extension, encoder) in Formats)
        {
            image.Save(Path.Combine(directory, $"gradient.{extension}"), encoder);
        }
    }

    public void Run(byte[] data)
    {
        try
        {
            var image = ImageDecoder.Decode(data, "fuzz-input", Limits);
            if (image.Width < 1 || image.Height < 1 || (long)image.Width * image.Height > Limits.MaxPixels)
            {
                throw new InvalidOperationException($"The decoder returned an image of {image.Width}x{image.Height}, outside the limits.");
            }
        }
        catch (ImageLoadException)
        {
        }
    }
}
