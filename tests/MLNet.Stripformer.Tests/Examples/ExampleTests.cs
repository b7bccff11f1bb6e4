using System.Diagnostics;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Examples;

public class ExampleTests
{
    [Fact]
    public async Task Blur_and_evaluate_example_runs_on_the_bundled_samples()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BlurAndEvaluate.dll"));
        start.ArgumentList.Add(Path.Combine(TestPaths.Samples, "photos"));
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, output + await error);
        Assert.Contains("mean PSNR", output, StringComparison.Ordinal);
        Assert.Contains("identical pixels: True", output, StringComparison.Ordinal);
    }
}
