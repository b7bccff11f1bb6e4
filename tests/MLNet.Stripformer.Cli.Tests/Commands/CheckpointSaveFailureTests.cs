using System.Diagnostics;
using MLNet.Stripformer.Cli.Tests.Support;
using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Checkpoints;

namespace MLNet.Stripformer.Cli.Tests.Commands;

/// <summary>
/// A checkpoint save that fails (no space, a read-only directory) ends training with one clear error line naming the
/// checkpoint, exit code 1, and the previous checkpoint byte for byte as it was, with no temporary file left.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class CheckpointSaveFailureTests
{
    [Fact]
    public void A_write_that_runs_out_of_space_keeps_the_previous_checkpoint()
    {
        using var run = TrainedOneEpoch();

        // ulimit -f caps the size of any file the process writes (SIGXFSZ ignored, so write() fails with EFBIG):
        // the save fails part way through the temporary file, exactly where a full disk (ENOSPC) makes it fail.
        // The runtime's W^X double mapping grows a memory file past that cap, so it is turned off.
        var (code, _, error) = CliProcess.StartAfter("export DOTNET_EnableWriteXorExecute=0; trap '' XFSZ; ulimit -f 1024", [.. run.Command, "--epochs", "2", "--resume"]).Finish();

        run.AssertFailedCleanly(code, error, "the previous file is unchanged");
    }

    [Fact]
    public void A_read_only_output_directory_keeps_the_previous_checkpoint()
    {
        using var run = TrainedOneEpoch();
        using (ReadOnly(run.Output))
        {
            var (code, _, error) = CliProcess.Start([.. run.Command, "--epochs", "2", "--resume"]).Finish();
            run.AssertFailedCleanly(code, error, "the previous file is unchanged");
        }
    }

    private static TrainingRun TrainedOneEpoch()
    {
        var run = new TrainingRun();
        var (code, _, error) = CliProcess.Start([.. run.Command, "--epochs", "1"]).Finish();
        Assert.True(code == 0, error);
        run.Remember();
        return run;
    }

    /// <summary>Makes a directory unwritable: mode 555, or for root (whom modes do not stop) the immutable flag.</summary>
    private static IDisposable ReadOnly(string directory)
    {
        if (Environment.UserName == "root")
        {
            Chattr("+i", directory);
            return new Undo(() => Chattr("-i", directory));
        }

        var mode = File.GetUnixFileMode(directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        return new Undo(() => File.SetUnixFileMode(directory, mode));
    }

    private static void Chattr(string flag, string path)
    {
        using var chattr = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        string error = chattr.StandardError.ReadToEnd();
        chattr.WaitForExit();
        Assert.True(chattr.ExitCode == 0, $"chattr {flag} {path}: {error}");
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    /// <summary>A tiny seed-network training run (one photo, one 32x32 crop a step and an epoch) in a temporary directory.</summary>
    private sealed class TrainingRun : IDisposable
    {
        private readonly TempDirectory _dir = new();
        private byte[] _checkpoint = [];

        public TrainingRun()
        {
            string photos = Directory.CreateDirectory(_dir.File("photos")).FullName;
            File.Copy(TestPaths.Reference("crop1.png"), Path.Combine(photos, "a.png"));
            Output = _dir.File("run");
            Command = ["train", "--train", photos, "--output", Output, "--crop", "32", "--batch", "1", "--crops-per-image", "1",
                "--device", "Cpu", "--output-mode", "Residual", "--contrastive-weight", "0"];
        }

        public string Output { get; }

        public string[] Command { get; }

        private string Last => Path.Combine(Output, "last.ckpt");

        public void Remember() => _checkpoint = File.ReadAllBytes(Last);

        public void AssertFailedCleanly(int code, string error, string says)
        {
            Assert.True(code == 1, $"exit {code}: {error}");
            string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
            Assert.Contains($"Could not write '{Last}'", line, StringComparison.Ordinal);
            Assert.Contains(says, line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            Assert.Equal(_checkpoint, File.ReadAllBytes(Last));
            Assert.Equal(1, TrainingCheckpoint.ReadState(Last).CompletedEpochs);
            Assert.DoesNotContain(Directory.GetFiles(Output), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        }

        public void Dispose() => _dir.Dispose();
    }
}
