using System.Diagnostics;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;
using Xunit.Abstractions;

namespace MLNet.Stripformer.Tests.Imaging;

public class OddFileTests(ITestOutputHelper output)
{
    public static TheoryData<string> OddFiles => new(
        Directory.EnumerateFiles(TestPaths.Odd).Where(f => !f.EndsWith(".tsv", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(OddFiles))]
    public void Every_odd_file_loads_or_is_refused_with_a_named_reason(string file)
    {
        string path = Path.Combine(TestPaths.Odd, file);
        var watch = Stopwatch.StartNew();
        try
        {
            var image = ImageDecoder.Decode(path);
            output.WriteLine($"{file}: loaded {image.Width}x{image.Height} in {watch.ElapsedMilliseconds} ms");
            Assert.All(image.Pixels, v => Assert.InRange(v, 0f, 1f));
        }
        catch (ImageLoadException ex)
        {
            output.WriteLine($"{file}: refused in {watch.ElapsedMilliseconds} ms: {ex.Message}");
            Assert.Contains(file, ex.Message, StringComparison.Ordinal);
            Assert.Equal(path, ex.FilePath);
            Assert.False(string.IsNullOrWhiteSpace(ex.Reason));
        }
    }
}
