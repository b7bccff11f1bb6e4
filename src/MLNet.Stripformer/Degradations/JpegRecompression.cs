using MLNet.Stripformer.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace MLNet.Stripformer.Degradations;

/// <summary><c>jpeg:MIN-MAX</c>: the image saved as a JPEG (ImageSharp's encoder, 4:2:0 chroma as cameras and most
/// software write) at a whole quality drawn per image from the range, and decoded again.</summary>
public sealed class JpegRecompression : Degradation
{
    private readonly ParameterRange _quality;

    internal JpegRecompression(ParameterRange quality) => _quality = quality;

    /// <inheritdoc/>
    public override string Spec => "jpeg:" + _quality.Spec;

    /// <inheritdoc/>
    public override RgbImage Apply(RgbImage image, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        int quality = (int)Math.Round(_quality.Draw(random));
        using var stream = new MemoryStream();
        using (var encoded = PixelConversion.ToRgb24(image))
        {
            encoded.SaveAsJpeg(stream, new JpegEncoder { Quality = quality, ColorType = JpegColorType.YCbCrRatio420 });
        }

        stream.Position = 0;
        using var decoded = Image.Load<Rgb24>(stream);
        return PixelConversion.ToRgbImage(decoded);
    }
}
