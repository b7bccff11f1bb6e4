using System.Diagnostics;

namespace MLNet.Stripformer.Fuzz;

/// <summary>Runs a target once per file outside the fuzzer: to reproduce a finding with its stack trace, or to time a
/// whole corpus (the slowest input shows how long one input can take within the limits).</summary>
internal static class Replay
{
    /// <summary>Runs every file, prints each failure and a summary; returns 1 if any escaped with an undocumented exception.</summary>
    public static int Files(IFuzzTarget target, IEnumerable<string> files)
    {
        int count = 0, failures = 0;
        var slowest = (Milliseconds: 0.0, File: "");
        var hungriest = (Bytes: 0L, File: "");
        using var process = Process.GetCurrentProcess();
        foreach (string file in files)
        {
            count++;
            GC.Collect(); // so that the rise of the peak below is this input's memory, not earlier inputs' garbage
            process.Refresh();
            long peakBefore = process.PeakWorkingSet64;
            var clock = Stopwatch.StartNew();
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception ex)
            {
                failures++;
                Console.WriteLine($"FAIL {file}: {ex}");
            }

            if (clock.Elapsed.TotalMilliseconds > slowest.Milliseconds)
            {
                slowest = (clock.Elapsed.TotalMilliseconds, file);
            }

            process.Refresh();
            if (process.PeakWorkingSet64 - peakBefore > hungriest.Bytes)
            {
                hungriest = (process.PeakWorkingSet64 - peakBefore, file);
            }
        }

        Console.WriteLine($"replayed {count} input(s): {failures} failure(s); slowest {slowest.Milliseconds:F0} ms ({slowest.File}); "
            + $"largest rise of the peak working set {hungriest.Bytes / 1e6:F0} MB ({hungriest.File})");
        return failures == 0 ? 0 : 1;
    }
}
