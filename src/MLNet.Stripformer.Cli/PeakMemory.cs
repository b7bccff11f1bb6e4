using System.Diagnostics;
using System.Globalization;

namespace MLNet.Stripformer.Cli;

/// <summary>The process's peak resident memory: <c>VmHWM</c> from /proc/self/status on Linux (what
/// <c>/usr/bin/time -v</c> reports as maximum resident set size), the peak working set elsewhere.</summary>
internal static class PeakMemory
{
    public static long Bytes()
    {
        const string path = "/proc/self/status";
        if (File.Exists(path))
        {
            string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
