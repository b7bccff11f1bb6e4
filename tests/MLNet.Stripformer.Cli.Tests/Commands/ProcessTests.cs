using System.Diagnostics;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Cli.Tests.Commands;

public class ProcessTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "stripformer.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000));
        return (process.ExitCode, output.Result, error);
    }

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
    public void Help_lists_the_verbs()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("blur", output, StringComparison.Ordinal);
        Assert.Contains("eval", output, StringComparison.Ordinal);
        Assert.Contains("demo", output, StringComparison.Ordinal);
    }
}
