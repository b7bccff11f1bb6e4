using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Imaging;

/// <summary>
/// Inputs found by fuzzing the decoder (<c>fuzz/run.sh image</c>, see <c>fuzz/README.md</c>), kept under
/// <c>References/fuzz/image</c>: each made ImageSharp 2.1.13 throw an exception type the loader did not document
/// (DivideByZeroException in the BMP palette, PBM upscaling and TIFF strip readers; InvalidDataException from the
/// zlib stream of a PNG zTXt chunk; from the second run, <c>run2-*</c>, an OutOfMemoryException from a 105-byte BMP
/// whose header put the pixel data at byte 2^31 - 1, for which ImageSharp sizes its palette; from the third,
/// <c>run3-hang-*</c>, BigTIFFs whose directory claimed 7.2e18 entries, which kept ImageSharp reading for minutes; from
/// the fourth, <c>run4-hang-*</c>, a 792-byte TIFF claiming a 335 MB CCITT strip, decoded for over a minute). The
/// loader now reports each as an <see cref="ImageLoadException"/> naming the file, and refuses such BMP headers and TIFF
/// directories before ImageSharp reads them.
/// </summary>
public class FuzzFindingTests
{
    public static TheoryData<string> Findings =>
        new(Directory.GetFiles(Path.Combine(TestPaths.References, "fuzz", "image")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Findings))]
    public void A_fuzzing_finding_is_an_image_load_exception_naming_the_file(string name)
    {
        string path = Path.Combine(TestPaths.References, "fuzz", "image", name);

        var ex = Assert.Throws<ImageLoadException>(() => ImageDecoder.Decode(path));

        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bmp_header_that_asks_for_more_than_the_file_holds_is_refused_before_decoding()
    {
        byte[] bmp = File.ReadAllBytes(Path.Combine(TestPaths.References, "fuzz", "image", "run2-crash-000000.bin"));

        var ex = Assert.Throws<ImageLoadException>(() => ImageDecoder.Decode(bmp, "hostile.bmp"));

        Assert.Contains("beyond the end of the file (105 bytes)", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public void A_tiff_whose_rows_per_strip_exceed_its_height_is_clamped_before_decoding()
    {
        // 768 bytes, 16x12, RowsPerStrip 15,466,251: ImageSharp sized its strip buffers from the latter (541 MB).
        byte[] tiff = File.ReadAllBytes(Path.Combine(TestPaths.References, "fuzz", "image-memory", "tiff-rows-per-strip-15466251.tif"));

        byte[] clamped = Decodable(tiff);

        Assert.Equal(12u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(clamped.AsSpan(RowsPerStripValueAt(tiff))));
        Assert.Equal(15_466_251u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(RowsPerStripValueAt(tiff))));
        Assert.Equal(tiff.Length, clamped.Length);
        try
        {
            var image = ImageDecoder.Decode(tiff, "rows.tif");
            Assert.Equal((16, 12), (image.Width, image.Height));
        }
        catch (ImageLoadException)
        {
            // Refused as corrupt is fine too: what matters is the memory, bounded now by the image's own size.
        }
    }

    [Fact]
    public void Clamping_changes_no_pixel_of_a_valid_tiff_and_leaves_other_bytes_alone()
    {
        // ImageSharp's encoder writes RowsPerStrip for 8 KB strips, more than these 9 rows: the clamp rewrites it.
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(20, 9);
        for (int y = 0; y < 9; y++)
        {
            for (int x = 0; x < 20; x++)
            {
                image[x, y] = new SixLabors.ImageSharp.PixelFormats.Rgb24((byte)(x * 12), (byte)(y * 28), (byte)(x + y));
            }
        }

        using var stream = new MemoryStream();
        image.Save(stream, new SixLabors.ImageSharp.Formats.Tiff.TiffEncoder());
        var decoded = ImageDecoder.Decode(stream.ToArray(), "gradient.tif");

        for (int y = 0; y < 9; y++)
        {
            for (int x = 0; x < 20; x++)
            {
                var expected = image[x, y];
                Assert.Equal((expected.R / 255f, expected.G / 255f, expected.B / 255f), (decoded[0, x, y], decoded[1, x, y], decoded[2, x, y]));
            }
        }

        byte[] png = File.ReadAllBytes(TestPaths.Reference("crop1.png"));
        Assert.Same(png, Decodable(png));
    }

    /// <summary>The bytes the TIFF check hands on (with RowsPerStrip clamped), whether or not it also refuses them.</summary>
    private static byte[] Decodable(byte[] file)
    {
        TiffDirectoryCheck.Check(file, out byte[] decodable);
        return decodable;
    }

    /// <summary>Where the first directory's RowsPerStrip value lies (little-endian file).</summary>
    private static int RowsPerStripValueAt(byte[] tiff)
    {
        int directory = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(4));
        int entries = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(directory));
        for (int i = 0; i < entries; i++)
        {
            int at = directory + 2 + (12 * i);
            if (System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(at)) == 278)
            {
                return at + 8;
            }
        }

        throw new InvalidDataException("no RowsPerStrip");
    }
}
