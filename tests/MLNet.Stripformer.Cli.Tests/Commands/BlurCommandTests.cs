using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Cli.Tests.Support;
using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Cli.Tests.Commands;

public sealed class BlurCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Blurs_one_file_into_a_png_file()
    {
        string input = Path.Combine(TestPaths.References, "crop1.png");
        string output = Path.Combine(Dir, "out.png");
        var run = CliRun.Of("blur", input, output, "--kernel", "gaussian:11:1.6");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ImageBlur.Apply(ImageDecoder.Decode(input), BlurKernel.Gaussian(11, 1.6)).Pixels,
            ImageDecoder.Decode(output).Pixels);
    }

    [Fact]
    public void Blurs_a_directory_with_the_report_preset_into_one_png_per_kernel()
    {
        string input = Path.Combine(Dir, "in");
        Directory.CreateDirectory(input);
        File.Copy(Path.Combine(TestPaths.References, "crop1.png"), Path.Combine(input, "a.png"));
        File.Copy(Path.Combine(TestPaths.References, "crop2.png"), Path.Combine(input, "b.png"));
        var run = CliRun.Of("blur", input, Path.Combine(Dir, "out"), "--kernel", "report");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["a__gaussian_11_1.6.png", "a__gaussian_3_0.3.png", "a__gaussian_7_1.png", "b__gaussian_11_1.6.png", "b__gaussian_3_0.3.png", "b__gaussian_7_1.png"],
            Directory.GetFiles(Path.Combine(Dir, "out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("Wrote 6", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Motion_and_disk_kernels_are_accepted()
    {
        string input = Path.Combine(TestPaths.References, "crop2.png");
        Assert.Equal(0, CliRun.Of("blur", input, Path.Combine(Dir, "m.png"), "--kernel", "motion:9:30").ExitCode);
        Assert.Equal(0, CliRun.Of("blur", input, Path.Combine(Dir, "d.png"), "--kernel", "disk:2.5", "--arithmetic", "Float").ExitCode);
    }

    [Theory]
    [InlineData("gaussian:4:1", "odd")]
    [InlineData("gaussian:5:-1", "positive")]
    [InlineData("wobble:3", "not a blur kernel")]
    public void Invalid_kernel_is_one_line_error_and_nonzero_exit(string kernel, string message)
    {
        var run = CliRun.Of("blur", Path.Combine(TestPaths.References, "crop1.png"), Path.Combine(Dir, "x.png"), "--kernel", kernel);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(Path.Combine(Dir, "x.png")));
    }

    [Fact]
    public void Bad_file_in_a_directory_stops_with_its_name_but_keeps_what_was_written()
    {
        string input = Path.Combine(Dir, "in");
        Directory.CreateDirectory(input);
        File.Copy(Path.Combine(TestPaths.References, "crop1.png"), Path.Combine(input, "a.png"));
        File.Copy(Path.Combine(TestPaths.Odd, "derived__rocks_truncated_half.jpg"), Path.Combine(input, "b.jpg"));
        string output = Path.Combine(Dir, "out");
        var run = CliRun.Of("blur", input, output, "--kernel", "disk:2");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("b.jpg", run.Error, StringComparison.Ordinal);
        Assert.Contains("truncated", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "a.png")));
        Assert.Single(Directory.GetFiles(output));
    }

    [Fact]
    public void Skip_bad_continues_and_lists_the_skipped_file()
    {
        string input = Path.Combine(Dir, "in");
        Directory.CreateDirectory(input);
        File.Copy(Path.Combine(TestPaths.Odd, "derived__empty.jpg"), Path.Combine(input, "a.jpg"));
        File.Copy(Path.Combine(TestPaths.References, "crop1.png"), Path.Combine(input, "b.png"));
        var run = CliRun.Of("blur", input, Path.Combine(Dir, "out"), "--kernel", "gaussian:3:0.3", "--skip-bad");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("skipped: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("a.jpg", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Dir, "out", "b.png")));
    }

    [Fact]
    public void Missing_input_and_missing_kernel_option_fail()
    {
        var missing = CliRun.Of("blur", Path.Combine(Dir, "nope.png"), Path.Combine(Dir, "o.png"), "--kernel", "disk:1");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("nope.png", missing.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, CliRun.Of("blur", "a", "b").ExitCode);
    }

    [Fact]
    public void Colliding_output_names_are_refused_before_writing()
    {
        string input = Path.Combine(Dir, "in");
        Directory.CreateDirectory(input);
        File.Copy(Path.Combine(TestPaths.References, "crop1.png"), Path.Combine(input, "same.png"));
        File.Copy(Path.Combine(TestPaths.Odd, "derived__rocks_3x2.jpg"), Path.Combine(input, "same.jpg"));
        var run = CliRun.Of("blur", input, Path.Combine(Dir, "out"), "--kernel", "disk:1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("same.png", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Dir, "out")));
    }

    [Fact]
    public void Degrade_adds_noise_and_jpeg_after_the_blur_reproducibly()
    {
        string first = Path.Combine(Dir, "first.png"), second = Path.Combine(Dir, "second.png"), plain = Path.Combine(Dir, "plain.png");
        foreach (string output in new[] { first, second })
        {
            var run = CliRun.Of("blur", TestPaths.Reference("crop1.png"), output, "-k", "gaussian:7:1.0", "--degrade", "noise:2;jpeg:90", "--seed", "4");
            Assert.True(run.ExitCode == 0, run.Error);
        }

        Assert.Equal(0, CliRun.Of("blur", TestPaths.Reference("crop1.png"), plain, "-k", "gaussian:7:1.0").ExitCode);
        Assert.Equal(ImageDecoder.Decode(first).Pixels, ImageDecoder.Decode(second).Pixels);
        Assert.NotEqual(ImageDecoder.Decode(plain).Pixels, ImageDecoder.Decode(first).Pixels);

        var bad = CliRun.Of("blur", TestPaths.Reference("crop1.png"), plain, "-k", "gaussian:7:1.0", "--degrade", "jpeg:120");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("'jpeg:120'", bad.Error, StringComparison.Ordinal);
    }
}
