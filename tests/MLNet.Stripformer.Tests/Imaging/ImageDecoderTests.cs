using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MLNet.Stripformer.Tests.Imaging;

public class ImageDecoderTests
{
    private static string Odd(string name) => Path.Combine(TestPaths.Odd, name);

    [Theory]
    [InlineData("derived__rocks_truncated_half.jpg", "truncated")]
    [InlineData("derived__sunset_progressive_truncated_half.jpg", "truncated")]
    [InlineData("derived__drop_truncated_half.png", "truncated")]
    [InlineData("derived__empty.jpg", "empty")]
    [InlineData("derived__drop_bad_crc.png", "corrupt")]
    [InlineData("blender-data__forest.exr", "not supported")]
    [InlineData("gdk-pixbuf-tests__issue205.jpg", "MaxPixels")]
    [InlineData("gdk-pixbuf-tests__bug793470-crasher.png", "unsupported")]
    public void Bad_files_are_refused_with_the_file_and_the_reason(string file, string reason)
    {
        var ex = Assert.Throws<ImageLoadException>(() => ImageDecoder.Decode(Odd(file)));
        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_refused_by_name()
    {
        var ex = Assert.Throws<ImageLoadException>(() => ImageDecoder.Decode("/nonexistent/photo.png"));
        Assert.Contains("/nonexistent/photo.png", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_limits_refuse_before_decoding()
    {
        string path = Path.Combine(TestPaths.Photos, "val", "tuxpaint-data__rocks.jpg");
        var pixels = Assert.Throws<ImageLoadException>(() => ImageDecoder.Decode(path, new ImageDecodeOptions { MaxPixels = 1000 }));
        Assert.Contains("MaxPixels", pixels.Reason, StringComparison.Ordinal);
        var bytes = Assert.Throws<ImageLoadException>(() => ImageDecoder.Decode(path, new ImageDecodeOptions { MaxBytes = 1000 }));
        Assert.Contains("MaxBytes", bytes.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_limits_are_refused_naming_the_option()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ImageDecoder.Decode(Odd("derived__rocks_1x1.png"), new ImageDecodeOptions { MaxPixels = 0 }));
        Assert.Equal("MaxPixels", ex.ParamName);
    }

    [Fact]
    public void Lossless_variants_of_one_jpeg_decode_to_the_same_pixels()
    {
        var original = ImageDecoder.Decode(Path.Combine(TestPaths.Photos, "val", "tuxpaint-data__rocks.jpg"));
        Assert.Equal(original.Pixels, ImageDecoder.Decode(Odd("derived__rocks_restart_markers.jpg")).Pixels);
        Assert.Equal(original.Pixels, ImageDecoder.Decode(Odd("derived__rocks_trailing_garbage.jpg")).Pixels);
    }

    [Fact]
    public void Sixteen_bit_png_of_8_bit_data_equals_the_8_bit_png()
    {
        var wide = ImageDecoder.Decode(Odd("derived__trees_above_16bit.png"));
        var narrow = ImageDecoder.Decode(Odd("derived__trees_above_interlaced.png"));
        Assert.Equal(narrow.Pixels, wide.Pixels);
    }

    [Fact]
    public void Sixteen_bit_samples_keep_their_precision()
    {
        using var dir = new TempDirectory();
        using (var image = new Image<Rgb48>(2, 1))
        {
            image[0, 0] = new Rgb48(1000, 2000, 65535);
            image.SaveAsPng(dir.File("wide.png"));
        }

        var decoded = ImageDecoder.Decode(dir.File("wide.png"));
        Assert.Equal(1000 / 65535f, decoded[0, 0, 0]);
        Assert.Equal(2000 / 65535f, decoded[1, 0, 0]);
        Assert.Equal(1f, decoded[2, 0, 0]);
    }

    [Theory]
    [InlineData(AlphaHandling.CompositeOnWhite, 1f, 1f, 1f, 0.6f)]
    [InlineData(AlphaHandling.CompositeOnBlack, 0f, 0f, 0.4f, 0f)]
    [InlineData(AlphaHandling.Drop, 1f, 0f, 1f, 0f)]
    public void Alpha_is_composited_or_dropped(AlphaHandling alpha, float clearRed, float clearGreen, float partRed, float partGreen)
    {
        using var dir = new TempDirectory();
        using (var image = new Image<Rgba32>(2, 1))
        {
            image[0, 0] = new Rgba32(255, 0, 0, 0);
            image[1, 0] = new Rgba32(255, 0, 0, 102);
            image.SaveAsPng(dir.File("alpha.png"));
        }

        var decoded = ImageDecoder.Decode(dir.File("alpha.png"), new ImageDecodeOptions { Alpha = alpha });
        Assert.Equal(clearRed, decoded[0, 0, 0], 5);
        Assert.Equal(clearGreen, decoded[1, 0, 0], 5);
        Assert.Equal(partRed, decoded[0, 1, 0], 5);
        Assert.Equal(partGreen, decoded[1, 1, 0], 5);
    }

    [Fact]
    public void Grayscale_is_copied_to_three_equal_channels()
    {
        var image = ImageDecoder.Decode(Odd("gdk-pixbuf-tests__cat.jpg"));
        Assert.Equal(image.Plane(0).ToArray(), image.Plane(1).ToArray());
        Assert.Equal(image.Plane(0).ToArray(), image.Plane(2).ToArray());
    }

    [Fact]
    public void Cmyk_jpeg_decodes_to_plausible_colours()
    {
        var image = ImageDecoder.Decode(Odd("derived__ocean_waves_cmyk.jpg"));
        Assert.Equal((960, 638), (image.Width, image.Height));
        double mean = image.Pixels.Average();
        Assert.InRange(mean, 0.15, 0.85);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    public void Exif_orientation_is_applied(int orientation)
    {
        var stored = ImageDecoder.Decode(Odd("derived__testrotate_orientation1.jpg"));
        var shown = ImageDecoder.Decode(Odd($"derived__testrotate_orientation{orientation}.jpg"));
        int w = stored.Width, h = stored.Height;
        Func<int, int, (int X, int Y)> source = orientation switch
        {
            2 => (x, y) => (w - 1 - x, y),
            3 => (x, y) => (w - 1 - x, h - 1 - y),
            4 => (x, y) => (x, h - 1 - y),
            5 => (x, y) => (y, x),
            7 => (x, y) => (w - 1 - y, h - 1 - x),
            _ => (x, y) => (w - 1 - y, x),
        };
        bool swapped = orientation >= 5;
        Assert.Equal(swapped ? (h, w) : (w, h), (shown.Width, shown.Height));
        for (int y = 0; y < shown.Height; y += 7)
        {
            for (int x = 0; x < shown.Width; x += 7)
            {
                var (sx, sy) = source(x, y);
                Assert.Equal(stored[1, sx, sy], shown[1, x, y]);
            }
        }
    }

    [Fact]
    public void Orientation_can_be_left_as_stored()
    {
        var image = ImageDecoder.Decode(Odd("derived__testrotate_orientation8.jpg"), new ImageDecodeOptions { ApplyExifOrientation = false });
        Assert.Equal((640, 428), (image.Width, image.Height));
    }
}
