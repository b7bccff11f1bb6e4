using MLNet.Stripformer.Cli.Tests.Support;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Cli.Tests.Commands;

public sealed class TorchCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("seed", "parameters: 3162883")]
    [InlineData("paper", "parameters: 19708611")]
    public void Info_prints_the_parameter_count(string config, string expected)
    {
        var run = CliRun.Of("info", "--config", config);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        Assert.Contains("Trans_block_12", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_config_is_a_one_line_error()
    {
        var run = CliRun.Of("info", "--config", "huge");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Unknown Stripformer configuration 'huge'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_writes_checkpoints_and_deblur_uses_them()
    {
        string photos = Path.Combine(Dir, "photos");
        Directory.CreateDirectory(photos);
        File.Copy(TestPaths.Reference("crop2.png"), Path.Combine(photos, "a.png"));
        string output = Path.Combine(Dir, "run");
        var train = CliRun.Of("train", "--train", photos, "--val", photos, "--output", output, "--crop", "32", "--batch", "3", "--epochs", "1", "--device", "Cpu", "--output-mode", "Residual");
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.True(File.Exists(Path.Combine(output, "best.ckpt")));
        Assert.True(File.Exists(Path.Combine(output, "metrics.csv")));
        var curves = ImageDecoder.Decode(Path.Combine(output, "curves.png"));
        Assert.Equal((900, 500), (curves.Width, curves.Height));

        string deblurred = Path.Combine(Dir, "out.png");
        var deblur = CliRun.Of("deblur", Path.Combine(photos, "a.png"), deblurred, "--checkpoint", Path.Combine(output, "best.ckpt"), "--device", "Cpu", "--tile", "64", "--overlap", "16");
        Assert.True(deblur.ExitCode == 0, deblur.Error);
        var image = ImageDecoder.Decode(deblurred);
        Assert.Equal((128, 96), (image.Width, image.Height));

        var resume = CliRun.Of("train", "--train", photos, "--output", output, "--crop", "32", "--batch", "3", "--epochs", "2", "--device", "Cpu", "--output-mode", "Residual", "--resume", "--cache");
        Assert.True(resume.ExitCode == 0, resume.Error);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(output, "metrics.csv")).Length);
    }

    [Theory]
    [InlineData("--batch", "0")]
    [InlineData("--crop", "30")]
    [InlineData("--crops-per-image", "0")]
    [InlineData("--epochs", "-3")]
    [InlineData("--lr", "-1")]
    [InlineData("--patience", "0")]
    [InlineData("--contrastive-weight", "-1")]
    [InlineData("--init", "/no/such/weights.pth")]
    [InlineData("--vgg", "/no/such/vgg19.pth")]
    public void Invalid_training_options_are_one_line_errors_naming_the_flag(string flag, string value)
    {
        var run = CliRun.Of("train", "--train", Dir, "--output", Path.Combine(Dir, "o"), flag, value);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {flag}: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Deblur_with_a_pth_of_an_unknown_configuration_names_its_widths_and_the_config_option()
    {
        var run = CliRun.Of("deblur", TestPaths.Reference("crop2.png"), Path.Combine(Dir, "x.png"), "--checkpoint", Path.Combine(TestPaths.RepositoryRoot, "tests", "MLNet.Stripformer.Torch.Tests", "References", "tiny_state_dict.pth"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Encoder1 4, Encoder2 8", run.Error, StringComparison.Ordinal);
        Assert.Contains("--config", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_takes_degradations_for_the_pairs_and_names_a_bad_spec()
    {
        string photos = Path.Combine(Dir, "photos");
        Directory.CreateDirectory(photos);
        File.Copy(TestPaths.Reference("crop2.png"), Path.Combine(photos, "a.png"));
        string output = Path.Combine(Dir, "run");
        string[] common = ["train", "--train", photos, "--val", photos, "--output", output, "--crop", "32", "--batch", "2", "--epochs", "1", "--device", "Cpu",
            "--output-mode", "Residual", "--contrastive-weight", "0", "-k", "custom:1x1:1;custom:1x1:1"];

        var train = CliRun.Of([.. common, "--degrade", "motion:3-9|none;noise:1-3;jpeg:80-95"]);
        var bad = CliRun.Of([.. common, "--degrade", "noise:1-3;blur:4"]);

        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(output, "metrics.csv")).Length);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("unknown kind 'blur'", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_train_prints_images_per_second()
    {
        var run = CliRun.Of("bench-train", "--crop", "32", "--batch", "2", "--steps", "2", "--photo", TestPaths.Reference("crop1.png"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"2 steps in [0-9.]+ s = [0-9.]+ images/s", run.Output);
    }
}
