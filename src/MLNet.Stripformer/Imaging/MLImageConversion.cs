using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Between ML.NET's own image type (<see cref="MLImage"/>, what <c>LoadImages</c>, <c>ResizeImages</c> and
/// <c>MLImage.CreateFromStream</c> make) and <see cref="RgbImage"/>. Alpha is dropped on the way in (the network
/// sees RGB only; a transparent pixel keeps its stored colour) and opaque on the way out; samples are rounded to
/// the nearest 8-bit level.
/// </summary>
public static class MLImageConversion
{
    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>Lets a plain <see cref="MLImage"/> property (no attribute) stand for an image column of any size,
    /// the type <c>LoadImages</c> makes. Called by this library before it uses such a property; safe to call again.</summary>
    public static void RegisterImageType()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            try
            {
                DataViewTypeManager.Register(new ImageDataViewType(), typeof(MLImage));
            }
            catch (ArgumentOutOfRangeException)
            {
                // The application registered the same mapping already.
            }

            _registered = true;
        }
    }

    /// <summary>The image as planar RGB floats in [0, 1].</summary>
    /// <param name="image">An 8-bit RGBA or BGRA image.</param>
    public static RgbImage ToRgbImage(MLImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (red, blue) = image.PixelFormat switch
        {
            MLPixelFormat.Bgra32 => (2, 0),
            MLPixelFormat.Rgba32 => (0, 2),
            _ => throw new NotSupportedException($"MLImage pixel format {image.PixelFormat} is not supported; Rgba32 and Bgra32 are."),
        };
        var pixels = image.Pixels;
        var result = new RgbImage(image.Width, image.Height);
        Span<float> r = result.Plane(0), g = result.Plane(1), b = result.Plane(2);
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = pixels[(4 * i) + red] / 255f;
            g[i] = pixels[(4 * i) + 1] / 255f;
            b[i] = pixels[(4 * i) + blue] / 255f;
        }

        return result;
    }

    /// <summary>An opaque 8-bit BGRA image of <paramref name="image"/>, each sample rounded to the nearest level.</summary>
    /// <param name="image">Planar RGB floats (clamped to [0, 1]).</param>
    public static MLImage ToMLImage(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        ReadOnlySpan<float> r = image.Plane(0), g = image.Plane(1), b = image.Plane(2);
        var bgra = new byte[4 * r.Length];
        for (int i = 0; i < r.Length; i++)
        {
            bgra[4 * i] = SampleQuantizer.ToByte(b[i]);
            bgra[(4 * i) + 1] = SampleQuantizer.ToByte(g[i]);
            bgra[(4 * i) + 2] = SampleQuantizer.ToByte(r[i]);
            bgra[(4 * i) + 3] = 255;
        }

        return MLImage.CreateFromPixels(image.Width, image.Height, MLPixelFormat.Bgra32, bgra);
    }
}
