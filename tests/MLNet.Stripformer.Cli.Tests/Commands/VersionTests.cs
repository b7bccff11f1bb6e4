using System.Security.Cryptography;
using MLNet.Stripformer.Cli.Tests.Support;
using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Cli.Tests.Commands;

/// <summary>Issue 20.4: <c>stripformer --version</c> names the tool's version and the default model it carries.</summary>
public sealed class VersionTests
{
    [Fact]
    public void Version_gives_the_tools_version_and_the_default_models_identity()
    {
        var run = CliRun.Of("--version");
        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^stripformer \d+\.\d+\.\d+", lines[0]);
        string sha = Convert.ToHexStringLower(SHA256.HashData(DefaultDeblurModel.ReadAllBytes()))[..16];
        Assert.Equal($"default model: {DefaultDeblurModel.FileName} (exported by MLNet.Stripformer 0.1.0, 3162883 parameters, sha256 {sha})", lines[1]);
    }

    [Fact]
    public void The_tool_restarts_itself_with_huge_pages_where_the_kernel_gives_them_on_request()
    {
        // What the process reports is what it runs with: the line reads the process's own environment.
        string mode = File.Exists("/sys/kernel/mm/transparent_hugepage/enabled") ? File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled") : string.Empty;
        var (code, output, error) = CliProcess.Start("--version").Finish();
        Assert.True(code == 0, error);
        string memory = output.Split('\n').Single(l => l.StartsWith("memory: ", StringComparison.Ordinal));
        if (OperatingSystem.IsLinux() && mode.Contains("[madvise]", StringComparison.Ordinal))
        {
            Assert.StartsWith("memory: transparent huge pages for large buffers (GLIBC_TUNABLES has glibc.malloc.hugetlb", memory, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("memory: 4 KiB pages (", memory, StringComparison.Ordinal);
        }

        var optedOut = CliProcess.StartWith(new Dictionary<string, string> { ["STRIPFORMER_HUGE_PAGES"] = "0" }, "--version").Finish();
        Assert.Contains("memory: 4 KiB pages (STRIPFORMER_HUGE_PAGES=0)", optedOut.Output, StringComparison.Ordinal);
    }
}
