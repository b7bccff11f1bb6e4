using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Imaging;

/// <summary>
/// Inputs found by fuzzing the decoder (<c>fuzz/run.sh image</c>, see <c>fuzz/README.md</c>), kept under
/// <c>References/fuzz/image</c>: each made ImageSharp 2.1.13 throw an exception type the loader did not document
/// (DivideByZeroException in the BMP palette, PBM upscaling and TIFF strip readers; InvalidDataException from the
/// zlib stream of a PNG zTXt chunk). The loader now reports each as an <see cref="ImageLoadException"/> naming the file.
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
}
