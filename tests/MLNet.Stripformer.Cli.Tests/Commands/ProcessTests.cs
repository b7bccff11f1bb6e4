using MLNet.Stripformer.Cli.Tests.Support;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Cli.Tests.Commands;

public class ProcessTests
{
    private static (int Code, string Output, string Error) Run(params string[] args) => CliProcess.Start(args).Finish();

    [Fact]
    public void The_executable_prints_one_line_and_exits_nonzero_on_bad_input()
    {
        var (code, _, error) = Run("blur", Path.Combine(TestPaths.Odd, "derived__drop_truncated_half.png"), Path.Combine(Path.GetTempPath(), "never.png"), "--kernel", "report");
        Assert.Equal(1, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("derived__drop_truncated_half.png", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_in_a_fresh_process_is_checked_by_onnx_runtime_with_its_logger_installed()
    {
        // In its own process the CLI installs its ONNX Runtime logger before anything else touches ONNX Runtime, so
        // "no warnings" is what ONNX Runtime's loader said, not an unheard log.
        using var dir = new TempDirectory();
        MLNet.Stripformer.Torch.Runtime.TorchRuntime.Initialize();
        string weights = dir.File("seed.pth");
        using (var network = new MLNet.Stripformer.Torch.Modules.StripformerNetwork(MLNet.Stripformer.Torch.Modules.StripformerConfig.Seed))
        {
            MLNet.Stripformer.Torch.Checkpoints.PyTorchWeights.Save(network, weights);
        }

        var (code, output, error) = Run("export", "--checkpoint", weights, "--config", "seed", "--output", dir.File("seed.onnx"));
        Assert.True(code == 0, error);
        Assert.Contains("ONNX Runtime loads it with no warnings", output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public void Sigterm_during_training_saves_last_checkpoint_and_exits_130_then_resume_continues()
    {
        using var dir = new TempDirectory();
        string photos = Directory.CreateDirectory(dir.File("photos")).FullName;
        File.Copy(TestPaths.Reference("crop1.png"), Path.Combine(photos, "a.png"));
        string output = dir.File("run");
        string[] common = ["train", "--train", photos, "--output", output, "--crop", "32", "--batch", "1", "--device", "Cpu", "--output-mode", "Residual", "--contrastive-weight", "0"];

        var running = CliProcess.Start([.. common, "--epochs", "1", "--crops-per-image", "100000"]);
        Thread.Sleep(TimeSpan.FromSeconds(12));
        running.Signal("TERM");
        var (code, _, error) = running.Finish();

        Assert.True(code == 130, $"exit {code}: {error}");
        Assert.Contains("Cancelled in epoch 1", error, StringComparison.Ordinal);
        var state = MLNet.Stripformer.Torch.Checkpoints.TrainingCheckpoint.ReadState(Path.Combine(output, "last.ckpt"));
        Assert.Equal(0, state.CompletedEpochs);
        Assert.Equal(state.StepInEpoch, state.GlobalStep);

        var (resumed, resumedOutput, resumedError) = CliProcess.Start([.. common, "--epochs", "1", "--crops-per-image", "3", "--resume"]).Finish();
        Assert.True(resumed == 0, resumedError);
        Assert.Contains($"after epoch 0, step {state.StepInEpoch}", resumedError, StringComparison.Ordinal);
        Assert.Equal(1, MLNet.Stripformer.Torch.Checkpoints.TrainingCheckpoint.ReadState(Path.Combine(output, "last.ckpt")).CompletedEpochs);
        Assert.NotEmpty(resumedOutput);
    }

    [Fact]
    public void Sigkill_at_random_points_never_leaves_a_checkpoint_that_does_not_load_and_resume_continues_from_it()
    {
        using var dir = new TempDirectory();
        string photos = Directory.CreateDirectory(dir.File("photos")).FullName;
        File.Copy(TestPaths.Reference("crop1.png"), Path.Combine(photos, "a.png"));
        string output = dir.File("run"), last = Path.Combine(output, "last.ckpt");
        string[] command = ["train", "--train", photos, "--output", output, "--crop", "32", "--batch", "1", "--crops-per-image", "4",
            "--device", "Cpu", "--output-mode", "Residual", "--contrastive-weight", "0"];
        var random = new Random(20261129);
        MLNet.Stripformer.Torch.Runtime.TorchRuntime.Initialize();
        int epochs = 0;
        for (int i = 0; i < 10; i++)
        {
            var running = CliProcess.Start([.. command, "--epochs", "1000", .. i == 0 ? Array.Empty<string>() : ["--resume"]]);
            if (i == 0)
            {
                // The first run lives until it has written a checkpoint; the later ones die at random moments,
                // in a step, between steps or while a checkpoint is being written.
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (!File.Exists(last) && clock.Elapsed < TimeSpan.FromMinutes(2))
                {
                    Thread.Sleep(50);
                }
            }

            Thread.Sleep(random.Next(i == 0 ? 0 : 1500, 6000));
            running.Signal("KILL");
            Assert.Equal(137, running.Finish().Code);

            var state = MLNet.Stripformer.Torch.Checkpoints.TrainingCheckpoint.ReadState(last);
            using (var network = MLNet.Stripformer.Torch.Checkpoints.TrainingCheckpoint.LoadNetwork(last))
            {
                Assert.True(state.CompletedEpochs >= Math.Max(epochs, 1), $"kill {i}: epoch {state.CompletedEpochs} after {epochs}");
            }

            epochs = state.CompletedEpochs;
        }

        var (code, _, error) = CliProcess.Start([.. command, "--epochs", (epochs + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "--resume"]).Finish();
        Assert.True(code == 0, error);
        Assert.Contains($"after epoch {epochs}, step 0", error, StringComparison.Ordinal);
        Assert.Equal(epochs + 1, MLNet.Stripformer.Torch.Checkpoints.TrainingCheckpoint.ReadState(last).CompletedEpochs);
    }

    [Fact]
    public void Help_lists_the_verbs()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("blur", output, StringComparison.Ordinal);
        Assert.Contains("eval", output, StringComparison.Ordinal);
        Assert.Contains("demo", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_processes_preparing_the_native_runtime_at_once_both_work()
    {
        string cache = Path.Combine(Path.GetTempPath(), "stripformer-native-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = CliProcess.StartWithNativeCache(cache, "info", "--config", "seed");
            var second = CliProcess.StartWithNativeCache(cache, "info", "--config", "seed");
            foreach (var (code, output, error) in new[] { first.Finish(), second.Finish() })
            {
                Assert.True(code == 0, error);
                Assert.Contains("parameters: 3162883", output, StringComparison.Ordinal);
            }

            var files = Directory.Exists(cache) ? Directory.GetFiles(cache, "*", SearchOption.AllDirectories) : [];
            Assert.All(files, f => Assert.EndsWith("libLibTorchSharp.so", f, StringComparison.Ordinal));
            Assert.True(files.Length <= 1);
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }
}
