using MLNet.Stripformer.Cli.Tests.Support;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Cli.Tests.Commands;

/// <summary>Issue 19.1: <c>stripformer quantize</c>, and its result through <c>deblur --model</c>.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class QuantizeCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_shipped_model_quantized_on_two_photos_deblurs_like_the_float_model()
    {
        string calibration = Directory.CreateDirectory(_temp.File("calibration")).FullName;
        File.Copy(TestPaths.Reference("crop0.png"), Path.Combine(calibration, "a.png"));
        File.Copy(TestPaths.Reference("crop1.png"), Path.Combine(calibration, "b.png"));
        string float32 = Path.Combine(TestPaths.RepositoryRoot, "models", "stripformer-seed-gaussian.onnx");
        string int8 = _temp.File("int8.onnx");

        var quantize = CliRun.Of("quantize", "--model", float32, "--calibration", calibration, "--output", int8, "--images", "2", "--size", "64", "--threads", "2");
        Assert.True(quantize.ExitCode == 0, quantize.Error);
        Assert.Contains("0 Conv and 198 MatMul in int8, calibrated on 2 photo(s)", quantize.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);

        string blurred = TestPaths.Reference("crop2_g7_1.0.png");
        string fromFloat = _temp.File("float.png"), fromInt8 = _temp.File("int8.png");
        Assert.Equal(0, CliRun.Of("deblur", blurred, fromFloat, "--threads", "2", "--device", "cpu").ExitCode);
        var deblur = CliRun.Of("deblur", blurred, fromInt8, "--model", int8, "--threads", "2", "--device", "cpu");
        Assert.True(deblur.ExitCode == 0, deblur.Error);
        double agreement = Psnr.Compute(ImageDecoder.Decode(fromFloat), ImageDecoder.Decode(fromInt8));
        Assert.True(agreement > 45, $"int8 and float32 outputs agree to {agreement:F2} dB; over 45 dB expected.");
    }

    [Fact]
    public void A_calibration_directory_without_photos_is_one_error_line_and_no_file()
    {
        string empty = Directory.CreateDirectory(_temp.File("empty")).FullName;
        string output = _temp.File("int8.onnx");
        var run = CliRun.Of("quantize", "--model", Path.Combine(TestPaths.RepositoryRoot, "models", "stripformer-seed-gaussian.onnx"), "--calibration", empty, "--output", output);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: The calibration directory '{empty}' holds no image", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--weight-bits", "6", "--weight-bits: ")]
    [InlineData("--operators", "gelu", "--operators: ")]
    public void A_bad_option_is_named(string flag, string value, string expected)
    {
        var run = CliRun.Of("quantize", "--model", "m.onnx", "--calibration", ".", "--output", _temp.File("o.onnx"), flag, value);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {expected}", run.Error, StringComparison.Ordinal);
    }
}
