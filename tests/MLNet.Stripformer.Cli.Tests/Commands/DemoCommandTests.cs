using MLNet.Stripformer.Cli.Tests.Support;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Cli.Tests.Commands;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class DemoCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Demo_blurs_the_samples_and_prints_the_quality_table()
    {
        string samples = Path.Combine(Dir, "samples");
        Directory.CreateDirectory(samples);
        File.Copy(Path.Combine(TestPaths.References, "crop1.png"), Path.Combine(samples, "photo.png"));
        string output = Path.Combine(Dir, "out");
        var run = CliRun.Of("demo", "--samples", samples, "--output", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, Directory.GetFiles(output).Length);
        Assert.Contains("gaussian:11:1.6", run.Output, StringComparison.Ordinal);
        Assert.Contains("gaussian:7:1 then noise:2;jpeg:90", run.Output, StringComparison.Ordinal);
        Assert.Contains("deblurred PSNR", run.Output, StringComparison.Ordinal);
        Assert.Contains("mean", run.Output, StringComparison.Ordinal);
        var comparison = ImageDecoder.Decode(Directory.GetFiles(output).Order(StringComparer.Ordinal).First());
        var photo = ImageDecoder.Decode(Path.Combine(samples, "photo.png"));
        Assert.True(comparison.Width > 3 * photo.Width, "three panels side by side");
        string device = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the default --device auto, said once
        Assert.StartsWith("ONNX Runtime provider: CPUExecutionProvider", device, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundled_samples_are_copied_next_to_the_cli()
    {
        Assert.Equal(4, Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples", "photos"), "*.*").Count(f => !f.EndsWith(".md", StringComparison.Ordinal)));
    }
}
