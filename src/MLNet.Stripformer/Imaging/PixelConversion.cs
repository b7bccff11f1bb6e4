using System.Numerics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MLNet.Stripformer.Imaging;

/// <summary>Converts between ImageSharp images and <see cref="RgbImage"/>.</summary>
public static class PixelConversion
{
    /// <summary>Converts an ImageSharp image to planar floats in [0, 1].</summary>
    /// <typeparam name="TPixel">The pixel type.</typeparam>
    /// <param name="image">The image.</param>
    /// <param name="alpha">What to do with transparency.</param>
    public static RgbImage ToRgbImage<TPixel>(Image<TPixel> image, AlphaHandling alpha = AlphaHandling.CompositeOnWhite)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new RgbImage(image.Width, image.Height);
        float background = alpha == AlphaHandling.CompositeOnWhite ? 1f : 0f;
        bool composite = alpha != AlphaHandling.Drop;
        int plane = result.PlaneLength;
        float[] dst = result.Pixels;
        image.ProcessPixelRows(accessor =>
        {
            var row = new Vector4[accessor.Width];
            for (int y = 0; y < accessor.Height; y++)
            {
                Span<TPixel> pixels = accessor.GetRowSpan(y);
                int offset = y * accessor.Width;
                for (int x = 0; x < pixels.Length; x++)
                {
                    row[x] = pixels[x].ToScaledVector4();
                }

                for (int x = 0; x < row.Length; x++)
                {
                    Vector4 v = row[x];
                    if (composite && v.W < 1f)
                    {
                        float keep = 1f - v.W;
                        v = new Vector4((v.X * v.W) + (background * keep), (v.Y * v.W) + (background * keep), (v.Z * v.W) + (background * keep), 1f);
                    }

                    dst[offset + x] = v.X;
                    dst[plane + offset + x] = v.Y;
                    dst[(2 * plane) + offset + x] = v.Z;
                }
            }
        });
        return result;
    }

    /// <summary>Converts to an 8-bit ImageSharp image (values rounded to the nearest level and clamped).</summary>
    /// <param name="image">The image.</param>
    public static Image<Rgb24> ToRgb24(RgbImage image) =>
        FromPlanes(image, (r, g, b) => new Rgb24(SampleQuantizer.ToByte(r), SampleQuantizer.ToByte(g), SampleQuantizer.ToByte(b)));

    /// <summary>Converts to a 16-bit ImageSharp image (values rounded to the nearest level and clamped).</summary>
    /// <param name="image">The image.</param>
    public static Image<Rgb48> ToRgb48(RgbImage image) =>
        FromPlanes(image, (r, g, b) => new Rgb48(SampleQuantizer.ToUInt16(r), SampleQuantizer.ToUInt16(g), SampleQuantizer.ToUInt16(b)));

    private static Image<TPixel> FromPlanes<TPixel>(RgbImage image, Func<float, float, float, TPixel> pixel)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new Image<TPixel>(image.Width, image.Height);
        int plane = image.PlaneLength;
        float[] src = image.Pixels;
        result.ProcessPixelRows(accessor =>
        {
            for (int y = 0; y < accessor.Height; y++)
            {
                Span<TPixel> row = accessor.GetRowSpan(y);
                int offset = y * accessor.Width;
                for (int x = 0; x < row.Length; x++)
                {
                    row[x] = pixel(src[offset + x], src[plane + offset + x], src[(2 * plane) + offset + x]);
                }
            }
        });
        return result;
    }
}
