using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Imaging;

public class ImageEncoderTests
{
    private static RgbImage Gradient()
    {
        var image = new RgbImage(5, 3);
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = (i * 7 % 256) / 255f;
        }

        return image;
    }

    [Theory]
    [InlineData("out.png")]
    [InlineData("out.bmp")]
    [InlineData("out.tiff")]
    [InlineData("out.webp")]
    public void Lossless_formats_round_trip_8_bit_levels(string name)
    {
        using var dir = new TempDirectory();
        var image = Gradient();
        ImageEncoder.Save(image, dir.File(name));
        Assert.Equal(image.Pixels, ImageDecoder.Decode(dir.File(name)).Pixels);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Sixteen_bit_png_keeps_16_bit_levels()
    {
        using var dir = new TempDirectory();
        var image = new RgbImage(1, 1, [1000 / 65535f, 0.5f, 1f]);
        ImageEncoder.Save(image, dir.File("wide.png"), sixteenBit: true);
        var back = ImageDecoder.Decode(dir.File("wide.png"));
        Assert.Equal(1000 / 65535f, back.Pixels[0]);
    }

    [Fact]
    public void Unknown_extension_is_refused_and_nothing_is_written()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<NotSupportedException>(() => ImageEncoder.Save(Gradient(), dir.File("out.xyz")));
        Assert.Contains("out.xyz", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_file_intact()
    {
        using var dir = new TempDirectory();
        string target = dir.File("keep.png");
        ImageEncoder.Save(Gradient(), target);
        byte[] before = File.ReadAllBytes(target);
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, stream =>
        {
            stream.WriteByte(1);
            throw new InvalidOperationException("simulated crash");
        }));
        Assert.Equal(before, File.ReadAllBytes(target));
        Assert.Single(Directory.GetFiles(dir.Path));
    }
}
