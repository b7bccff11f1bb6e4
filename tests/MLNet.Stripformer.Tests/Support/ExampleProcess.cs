using System.Diagnostics;

namespace MLNet.Stripformer.Tests.Support;

/// <summary>Runs an example program (built beside the tests through a project reference) in its own process.</summary>
internal static class ExampleProcess
{
    /// <summary>Runs <c>dotnet NAME.dll ARGS</c> and returns its standard output; fails the test on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string name, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, name + ".dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{name} exited with {process.ExitCode}: {output}{await error}");
        return output;
    }
}
