using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Imaging;

/// <summary>
/// Inputs found by fuzzing the decoder (<c>fuzz/run.sh image</c>, see <c>fuzz/README.md</c>), kept under
/// <c>References/fuzz/image</c>: each made ImageSharp 2.1.13 throw an exception type the loader did not document
/// (DivideByZeroException in the BMP palette, PBM upscaling and TIFF strip readers; InvalidDataException from the
/// zlib stream of a PNG zTXt chunk; from the second run, <c>run2-*</c>, an OutOfMemoryException from a 105-byte BMP
/// whose header put the pixel data at byte 2^31 - 1, for which ImageSharp sizes its palette). The loader now reports each
/// as an <see cref="ImageLoadException"/> naming the file, and refuses such BMP headers before ImageSharp reads them.
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
}
