using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Metadata;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// The ImageSharp configuration the loader decodes with: ImageSharp's defaults, except that animated GIF and
/// multi-page TIFF decode their first frame only. The loader keeps one frame anyway, and with every frame decoded a
/// file of many frames, each within <see cref="ImageDecodeOptions.MaxPixels"/>, could take memory without bound.
/// (ImageSharp 2.1's WebP decoder has no such setting: an animated WebP still decodes every frame.)
/// </summary>
internal static class DecoderConfiguration
{
    public static Configuration FirstFrameOnly { get; } = Create();

    private static Configuration Create()
    {
        var configuration = Configuration.Default.Clone();
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        configuration.ImageFormatsManager.SetDecoder(TiffFormat.Instance, new TiffDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }
}
