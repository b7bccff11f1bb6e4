using System.Text.Json;
using MLNet.Stripformer.Cli.Tests.Support;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;

namespace MLNet.Stripformer.Cli.Tests.Commands;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class OnnxCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Export_writes_a_model_that_deblur_and_bench_use()
    {
        string model = ExportSeed();

        string output = Path.Combine(Dir, "out.png");
        var deblur = CliRun.Of("deblur", TestPaths.Reference("crop2.png"), output, "--model", model, "--tile", "64", "--overlap", "8", "--threads", "2", "--device", "cpu");
        Assert.True(deblur.ExitCode == 0, deblur.Error);
        Assert.Contains("ONNX Runtime provider: CPUExecutionProvider", deblur.Error, StringComparison.Ordinal);
        var input = ImageDecoder.Decode(TestPaths.Reference("crop2.png"));
        var result = ImageDecoder.Decode(output);
        Assert.Equal((input.Width, input.Height), (result.Width, result.Height));

        string json = Path.Combine(Dir, "bench.json");
        var bench = CliRun.Of("bench", "--model", model, "--width", "40", "--height", "24", "--runs", "2", "--threads", "2", "--json", json, "--photo", TestPaths.Reference("crop1.png"));
        Assert.True(bench.ExitCode == 0, bench.Error);
        Assert.Matches(@"median [0-9]+ ms .* MP/s, peak memory [0-9]+ MB", bench.Output.ReplaceLineEndings(" "));
        using var figures = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(figures.RootElement.GetProperty("MedianMilliseconds").GetDouble() > 0);
        Assert.Equal(2, figures.RootElement.GetProperty("Milliseconds").GetArrayLength());
    }

    [Fact]
    public void Auto_falls_back_to_the_cpu_quietly_with_one_line_saying_so()
    {
        // The test host references ONNX Runtime's CPU package, so CUDA is never usable here.
        string model = ExportSeed();
        var deblur = CliRun.Of("deblur", TestPaths.Reference("crop1.png"), Path.Combine(Dir, "c.png"), "--model", model, "--device", "auto");
        Assert.True(deblur.ExitCode == 0, deblur.Error);
        string line = Assert.Single(deblur.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ONNX Runtime provider: CPUExecutionProvider", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_cuda_device_that_cannot_be_used_is_an_error()
    {
        string model = ExportSeed();
        string output = Path.Combine(Dir, "c.png");
        var deblur = CliRun.Of("deblur", TestPaths.Reference("crop1.png"), output, "--model", model, "--device", "cuda");
        Assert.Equal(1, deblur.ExitCode);
        Assert.Contains("CUDA device 0 cannot be used", deblur.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_bad_image_is_reported_and_the_others_are_written()
    {
        string model = ExportSeed();
        string photos = Path.Combine(Dir, "photos");
        Directory.CreateDirectory(photos);
        File.Copy(TestPaths.Reference("crop1.png"), Path.Combine(photos, "a.png"));
        File.WriteAllBytes(Path.Combine(photos, "b.png"), File.ReadAllBytes(TestPaths.Reference("crop2.png"))[..500]);
        File.Copy(TestPaths.Reference("crop2.png"), Path.Combine(photos, "c.png"));
        string output = Path.Combine(Dir, "deblurred");

        var run = CliRun.Of("deblur", photos, output, "--model", model, "--device", "cpu");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("b.png", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "a.png")));
        Assert.True(File.Exists(Path.Combine(output, "c.png")));
        Assert.False(File.Exists(Path.Combine(output, "b.png")));
    }

    [Theory]
    [InlineData("--tile", "-5")]
    [InlineData("--overlap", "40")]
    [InlineData("--threads", "0")]
    public void Invalid_deblur_options_are_one_line_errors_naming_the_flag_and_write_nothing(string flag, string value)
    {
        string output = Path.Combine(Dir, "never.png");
        string[] tile = flag == "--overlap" ? ["--tile", "64"] : [];
        var run = CliRun.Of(["deblur", TestPaths.Reference("crop1.png"), output, "--model", TestPaths.Reference("tiny-stripformer.onnx"), .. tile, flag, value]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {flag}: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Missing_truncated_and_foreign_models_and_checkpoints_are_one_line_errors_naming_the_file()
    {
        string missing = Path.Combine(Dir, "absent.onnx");
        string truncated = Path.Combine(Dir, "truncated.onnx");
        File.WriteAllBytes(truncated, File.ReadAllBytes(TestPaths.Reference("tiny-stripformer.onnx"))[..1000]);
        string foreign = Path.Combine(Dir, "photo.onnx");
        File.Copy(TestPaths.Reference("crop1.png"), foreign);
        string notPyTorch = Path.Combine(Dir, "photo.pth");
        File.Copy(TestPaths.Reference("crop1.png"), notPyTorch);
        foreach (string model in new[] { missing, truncated, foreign, notPyTorch })
        {
            var run = CliRun.Of("deblur", TestPaths.Reference("crop1.png"), Path.Combine(Dir, "x.png"), "--model", model);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains(model, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }

        var export = CliRun.Of("export", "--checkpoint", missing, "--config", "seed", "--output", Path.Combine(Dir, "m.onnx"));
        Assert.Equal(1, export.ExitCode);
        Assert.Contains(missing, export.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pytorch_file_is_recognised_and_deblurs_like_its_explicit_export()
    {
        string model = ExportSeed(config: null); // export --checkpoint seed.pth without --config
        string viaOnnx = Path.Combine(Dir, "via-onnx.png"), viaPth = Path.Combine(Dir, "via-pth.png");
        var first = CliRun.Of("deblur", TestPaths.Reference("crop1.png"), viaOnnx, "--model", model, "--device", "cpu");
        var second = CliRun.Of("deblur", TestPaths.Reference("crop1.png"), viaPth, "--model", Path.Combine(Dir, "seed.pth"), "--device", "cpu");

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Error + second.Error);
        Assert.Equal(ImageDecoder.Decode(viaOnnx).Pixels, ImageDecoder.Decode(viaPth).Pixels);
    }

    [Fact]
    public void Without_a_model_deblur_uses_the_shipped_model()
    {
        string output = Path.Combine(Dir, "x.png");
        var run = CliRun.Of("deblur", TestPaths.Reference("crop1.png"), output, "--device", "cpu");
        Assert.True(run.ExitCode == 0, run.Error);
        var input = ImageDecoder.Decode(TestPaths.Reference("crop1.png"));
        var written = ImageDecoder.Decode(output);
        Assert.Equal((input.Width, input.Height), (written.Width, written.Height));
    }

    [Fact]
    public void Quality_writes_a_table_of_every_method_for_every_report_kernel()
    {
        string val = Path.Combine(Dir, "val"), train = Path.Combine(Dir, "train");
        Directory.CreateDirectory(val);
        Directory.CreateDirectory(train);
        File.Copy(TestPaths.Reference("crop0.png"), Path.Combine(val, "a.png"));
        File.Copy(TestPaths.Reference("crop2.png"), Path.Combine(train, "b.png"));
        string report = Path.Combine(Dir, "QUALITY.md");

        var run = CliRun.Of("quality", "--val", val, "--train", train, "--model", TestPaths.Reference("tiny-stripformer.onnx"), "--output", report);

        Assert.True(run.ExitCode == 0, run.Error);
        string text = File.ReadAllText(report);
        Assert.Contains("| kernel | blurred input | unsharp masking | Wiener | model |", text, StringComparison.Ordinal);
        Assert.Contains("Wiener balance", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split('\n').Count(l => l.StartsWith("| `gaussian:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Quality_with_degraded_adds_the_real_photo_conditions_with_the_gain_over_the_input()
    {
        string val = Path.Combine(Dir, "val");
        Directory.CreateDirectory(val);
        File.Copy(TestPaths.Reference("crop0.png"), Path.Combine(val, "a.png"));
        string report = Path.Combine(Dir, "QUALITY.md");

        var run = CliRun.Of("quality", "--val", val, "--model", TestPaths.Reference("tiny-stripformer.onnx"), "--output", report, "--degraded");

        Assert.True(run.ExitCode == 0, run.Error);
        string text = File.ReadAllText(report);
        Assert.Contains("| `gaussian:7:1` then `jpeg:90` |", text, StringComparison.Ordinal);
        Assert.Contains("| `custom:1x1:1` then `jpeg:90` |", text, StringComparison.Ordinal);
        Assert.Contains("| `disk:2.5` |", text, StringComparison.Ordinal);
        Assert.Equal(11, text.Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal)));
        Assert.Contains("| model - input |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_writes_one_captioned_side_by_side_image_per_photo()
    {
        string output = Path.Combine(Dir, "compare");
        var run = CliRun.Of("compare", "--sharp", TestPaths.Reference("crop0.png"), "--blurred", TestPaths.Reference("crop0_g11_1.6.png"), "--deblurred", TestPaths.Reference("crop0_g7_1.0.png"), "--output", output);

        Assert.True(run.ExitCode == 0, run.Error);
        var image = ImageDecoder.Decode(Path.Combine(output, "crop0__compare.png"));
        var sharp = ImageDecoder.Decode(TestPaths.Reference("crop0.png"));
        Assert.Equal((3 * sharp.Width) + 32, image.Width);
    }

    private string ExportSeed(string? config = "seed")
    {
        TorchRuntime.Initialize();
        string weights = Path.Combine(Dir, "seed.pth");
        using (var network = new StripformerNetwork(StripformerConfig.Seed))
        {
            PyTorchWeights.Save(network, weights);
        }

        string model = Path.Combine(Dir, "seed.onnx");
        var export = CliRun.Of(config is null ? ["export", "--checkpoint", weights, "--output", model] : ["export", "--checkpoint", weights, "--config", config, "--output", model]);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Contains("no warnings", export.Output, StringComparison.Ordinal);
        return model;
    }
}
