using System.Diagnostics;
using System.Globalization;

namespace MLNet.Stripformer.Cli.Tests.Support;

/// <summary>Runs the built CLI (<c>stripformer.dll</c>) as a separate process.</summary>
internal static class CliProcess
{
    /// <summary>Starts the CLI.</summary>
    public static RunningCli Start(params string[] args) => Start(new ProcessStartInfo("dotnet"), args);

    /// <summary>Starts the CLI with its native runtime cache in <paramref name="cache"/>.</summary>
    public static RunningCli StartWithNativeCache(string cache, params string[] args) =>
        StartWith(new Dictionary<string, string> { ["STRIPFORMER_NATIVE_CACHE"] = cache }, args);

    /// <summary>Starts the CLI with these environment variables set.</summary>
    public static RunningCli StartWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Start(start, args);
    }

    /// <summary>Starts the CLI from bash after <paramref name="prelude"/> (e.g. <c>ulimit</c>), which it inherits.</summary>
    public static RunningCli StartAfter(string prelude, params string[] args)
    {
        var start = new ProcessStartInfo("bash");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(prelude + "; exec dotnet \"$@\"");
        start.ArgumentList.Add("bash");
        return Start(start, args);
    }

    private static RunningCli Start(ProcessStartInfo start, string[] args)
    {
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "stripformer.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new RunningCli(Process.Start(start)!);
    }
}

/// <summary>A started CLI process whose output is collected as it runs.</summary>
internal sealed class RunningCli(Process process)
{
    private readonly Task<string> _output = process.StandardOutput.ReadToEndAsync();
    private readonly Task<string> _error = process.StandardError.ReadToEndAsync();

    /// <summary>Sends a POSIX signal (e.g. TERM) with kill(1).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits (two minutes at most) and returns the exit code and both streams.</summary>
    public (int Code, string Output, string Error) Finish()
    {
        Assert.True(process.WaitForExit(120_000));
        process.WaitForExit();
        int code = process.ExitCode;
        process.Dispose();
        return (code, _output.GetAwaiter().GetResult(), _error.GetAwaiter().GetResult());
    }
}
