using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace MLNet.Stripformer.Cli;

/// <summary>
/// Backs large allocations (ONNX Runtime's and libtorch's buffers) with transparent huge pages on Linux, where the
/// kernel gives them only to memory that asks (<c>transparent_hugepage/enabled = madvise</c>, the common default):
/// glibc asks for every chunk it maps when its tunable <c>glibc.malloc.hugetlb=1</c> is set. On a 2-vCPU VM each 4 KiB
/// page fault cost about 9 us and the first 448x256 image touched 72,000 of them (0.7 s); with the tunable, 9,000.
/// glibc reads tunables only when a process starts, so the CLI restarts itself once, in place, before doing anything
/// (<c>execve</c> of the same executable and arguments: same process id, same standard streams and signals), with
/// the tunable added to <c>GLIBC_TUNABLES</c>. Nothing happens where it cannot help: not Linux, not glibc 2.35 or
/// later, huge pages off (<c>never</c>) or already given to all memory (<c>always</c>), the tunable already set, or
/// <c>STRIPFORMER_HUGE_PAGES=0</c>.
/// </summary>
internal static class HugePages
{
    /// <summary>Set to 0 to keep the process as started.</summary>
    public const string OptOutVariable = "STRIPFORMER_HUGE_PAGES";

    private const string TunablesVariable = "GLIBC_TUNABLES";
    private const string Tunable = "glibc.malloc.hugetlb";

    /// <summary>Restarts the process with the tunable where that helps; returns (and the process goes on as it is)
    /// otherwise, or when the restart fails.</summary>
    public static void EnableByRestarting()
    {
        string tunables = Environment.GetEnvironmentVariable(TunablesVariable) ?? string.Empty;
        if (tunables.Contains(Tunable, StringComparison.Ordinal) || WhyNot() is not null || CommandLine() is not { } arguments)
        {
            return;
        }

        var environment = new List<string?>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if ((string)entry.Key != TunablesVariable)
            {
                environment.Add($"{entry.Key}={entry.Value}");
            }
        }

        environment.Add($"{TunablesVariable}={(tunables.Length > 0 ? tunables + ":" : string.Empty)}{Tunable}=1");
        environment.Add(null);
        Execve("/proc/self/exe", [.. arguments, null], [.. environment]);
    }

    /// <summary>One line for <c>--version</c>: whether this process's large buffers get huge pages, and if not, why.</summary>
    public static string Describe() =>
        (Environment.GetEnvironmentVariable(TunablesVariable) ?? string.Empty).Contains(Tunable, StringComparison.Ordinal)
            ? $"transparent huge pages for large buffers ({TunablesVariable} has {Tunable}; {OptOutVariable}=0 turns it off)"
            : $"4 KiB pages ({WhyNot() ?? "the restart with the glibc tunable failed"})";

    /// <summary>Why huge pages are not asked for here, or null when they should be.</summary>
    private static string? WhyNot() =>
        !OperatingSystem.IsLinux() ? "not Linux"
        : Environment.GetEnvironmentVariable(OptOutVariable) == "0" ? $"{OptOutVariable}=0"
        : ThpMode() is not "madvise" and var mode ? $"the kernel's transparent huge pages are '{mode ?? "unknown"}', not 'madvise'"
        : !GlibcHasTunable() ? "no glibc 2.35 or later"
        : null;

    /// <summary>The kernel's transparent huge page mode (always, madvise or never), or null when it cannot be read.</summary>
    private static string? ThpMode()
    {
        try
        {
            string modes = File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled");
            int open = modes.IndexOf('['), close = modes.IndexOf(']');
            return open >= 0 && close > open ? modes[(open + 1)..close] : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True on glibc 2.35 or later (the tunable's first release); false on other C libraries.</summary>
    private static bool GlibcHasTunable()
    {
        try
        {
            return Version.TryParse(Marshal.PtrToStringUTF8(GnuGetLibcVersion()), out var version) && version >= new Version(2, 35);
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The process's own argument vector, exactly as it was started (the host and its arguments included).</summary>
    private static string[]? CommandLine()
    {
        try
        {
            byte[] raw = File.ReadAllBytes("/proc/self/cmdline");
            string[] arguments = Encoding.UTF8.GetString(raw).Split('\0');
            return arguments.Length > 1 ? arguments[..^1] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "gnu_get_libc_version")]
    private static extern IntPtr GnuGetLibcVersion();

    // LPStr is UTF-8 on Linux.
    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int Execve(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string path,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] arguments,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] environment);
}
