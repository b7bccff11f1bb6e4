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
}
