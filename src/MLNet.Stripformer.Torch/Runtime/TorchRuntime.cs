using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Persistence;
using TorchSharp;

namespace MLNet.Stripformer.Torch.Runtime;

/// <summary>
/// Prepares TorchSharp's native runtime before the first torch call. It preloads libtorch (the package next to the
/// application, or a user-supplied libtorch 2.10 such as a CUDA build), then loads <c>libLibTorchSharp.so</c>. Where
/// that fails because the system C++ library is older than TorchSharp's build needs (Debian 12, Ubuntu 22.04:
/// <c>GLIBCXX_3.4.32</c> missing), it loads a private copy whose requirement of that version is marked weak (see
/// <see cref="ElfVersionPatcher"/>): the shipped file is never modified, the copy is kept in a cache directory and
/// reused, and it is written to a temporary name and renamed, so two processes starting at once are safe.
/// TorchSharp's import of <c>LibTorchSharp</c> is then routed to the loaded library.
/// </summary>
public static class TorchRuntime
{
    private const string WeakVersion = "GLIBCXX_3.4.32";
    private static readonly object Gate = new();
    private static string? _description;
    private static IntPtr _c10;

    /// <summary>What was loaded, once <see cref="Initialize"/> succeeded; null before.</summary>
    public static string? Description => _description;

    /// <summary>
    /// What libtorch writes into new CPU allocations (see <see cref="Runtime.CpuMemoryFill"/>). Set at
    /// <see cref="Initialize"/> from <see cref="TorchRuntimeOptions.CpuMemoryFill"/> or the environment variable
    /// <see cref="TorchRuntimeOptions.CpuMemoryFillVariable"/>; it applies to the whole process from then on.
    /// </summary>
    /// <exception cref="TorchRuntimeException">The runtime is not initialised, or its libc10 does not export the flags.</exception>
    public static CpuMemoryFill CpuMemoryFill
    {
        get => CpuAllocatorFlags.Read(LoadedC10());
        set => CpuAllocatorFlags.Write(LoadedC10(), value);
    }

    /// <summary>Loads the native runtime once; later calls return at once. Thread-safe.</summary>
    /// <param name="options">Where the libraries come from; defaults when null.</param>
    /// <exception cref="TorchRuntimeException">Nothing worked; the message lists what was tried.</exception>
    public static void Initialize(TorchRuntimeOptions? options = null)
    {
        if (_description is not null)
        {
            return;
        }

        lock (Gate)
        {
            if (_description is null)
            {
                options ??= new TorchRuntimeOptions();
                string description = Load(options);
                string? variable = Environment.GetEnvironmentVariable(TorchRuntimeOptions.CpuMemoryFillVariable);
                CpuMemoryFill fill = options.CpuMemoryFill ?? (string.IsNullOrWhiteSpace(variable) ? CpuMemoryFill.None : CpuAllocatorFlags.Parse(variable));
                if (fill != CpuMemoryFill.None)
                {
                    CpuAllocatorFlags.Write(_c10, fill);
                }

                _description = description;
            }
        }
    }

    private static string Load(TorchRuntimeOptions options)
    {
        var attempts = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            return Verify(attempts, "TorchSharp's own loader (not Linux)");
        }

        // Framework-dependent builds keep natives under runtimes/linux-x64/native; RID-specific publishes put them beside the app.
        string packageNatives = new[] { Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"), AppContext.BaseDirectory }
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "libLibTorchSharp.so"))) ?? Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        string libTorch = options.LibTorchDirectory ?? Environment.GetEnvironmentVariable(TorchRuntimeOptions.LibTorchDirectoryVariable) ?? packageNatives;
        string bridge = Path.Combine(packageNatives, "libLibTorchSharp.so");
        if (!File.Exists(bridge))
        {
            bridge = Path.Combine(libTorch, "libLibTorchSharp.so");
        }

        if (!File.Exists(Path.Combine(libTorch, "libtorch.so")))
        {
            throw new TorchRuntimeException(
                $"No libtorch.so in '{libTorch}'. Reference the 'libtorch-cpu-linux-x64' 2.10.0 package in the application, or point " +
                $"{TorchRuntimeOptions.LibTorchDirectoryVariable} (or TorchRuntimeOptions.LibTorchDirectory) at a libtorch 2.10 'lib' directory.");
        }

        var preloaded = new Dictionary<string, IntPtr>(StringComparer.Ordinal);
        foreach (string library in new[] { "libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so" })
        {
            string path = Path.Combine(libTorch, library);
            if (File.Exists(path))
            {
                if (NativeLibrary.TryLoad(path, out IntPtr loaded))
                {
                    preloaded[Path.GetFileNameWithoutExtension(library)[3..]] = loaded;
                }
                else
                {
                    attempts.Add($"preloading {path} failed");
                }
            }
        }

        _c10 = preloaded.GetValueOrDefault("c10");
        if (!File.Exists(bridge))
        {
            throw new TorchRuntimeException($"No libLibTorchSharp.so in '{packageNatives}' or '{libTorch}': is the TorchSharp package referenced?");
        }

        if (TryLoad(bridge, attempts, out IntPtr handle))
        {
            Route(handle, preloaded);
            return Verify(attempts, $"libtorch from {libTorch}, {bridge}");
        }

        string patched = PatchedCopy(bridge, options, attempts);
        if (TryLoad(patched, attempts, out handle))
        {
            Route(handle, preloaded);
            return Verify(attempts, $"libtorch from {libTorch}, {bridge} with {WeakVersion} marked weak (copy: {patched})");
        }

        throw new TorchRuntimeException("Cannot load TorchSharp's native runtime. Tried: " + string.Join("; ", attempts));
    }

    private static IntPtr LoadedC10() =>
        _description is not null ? _c10 : throw new TorchRuntimeException("Call TorchRuntime.Initialize() before reading or setting the CPU memory fill.");

    private static bool TryLoad(string path, List<string> attempts, out IntPtr handle)
    {
        try
        {
            handle = NativeLibrary.Load(path);
            return true;
        }
        catch (DllNotFoundException ex)
        {
            attempts.Add($"loading {path}: {ex.Message.ReplaceLineEndings(" ")}");
            handle = IntPtr.Zero;
            return false;
        }
    }

    /// <summary>Routes TorchSharp's imports: <c>LibTorchSharp</c> to the loaded bridge, <c>torch_cpu</c>,
    /// <c>torch_cuda</c> and the like to the libraries preloaded from the libtorch directory.</summary>
    private static void Route(IntPtr handle, Dictionary<string, IntPtr> preloaded)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, (name, _, _) =>
            {
                string bare = Path.GetFileNameWithoutExtension(name);
                bare = bare.StartsWith("lib", StringComparison.Ordinal) ? bare[3..] : bare;
                return name.Contains("LibTorchSharp", StringComparison.Ordinal) ? handle : preloaded.GetValueOrDefault(bare);
            });
        }
        catch (InvalidOperationException)
        {
            // The application set its own resolver for TorchSharp: the library is loaded, let that resolver decide.
        }
    }

    private static string Verify(List<string> attempts, string description)
    {
        try
        {
            using var probe = torch.ones(1);
            return description;
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            attempts.Add($"first torch call: {(ex.InnerException ?? ex).Message.ReplaceLineEndings(" ")}");
            throw new TorchRuntimeException("TorchSharp's native runtime loaded but does not work. Tried: " + string.Join("; ", attempts), ex);
        }
    }

    private static string PatchedCopy(string original, TorchRuntimeOptions options, List<string> attempts)
    {
        byte[] bytes = File.ReadAllBytes(original);
        string key = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        if (ElfVersionPatcher.MakeWeak(bytes, WeakVersion) == 0)
        {
            attempts.Add($"{original} does not require {WeakVersion}, so there is nothing to patch");
            return original;
        }

        // The copy is used only when its content is exactly the patch made here (a planted or damaged file of the
        // right length is replaced), and it is written atomically.
        string target = Path.Combine(CacheRoot(options), key, "libLibTorchSharp.so");
        if (!PrivateCache.Holds(target, bytes))
        {
            AtomicFile.Write(target, stream => stream.Write(bytes));
        }

        return target;
    }

    private static string CacheRoot(TorchRuntimeOptions options)
    {
        string? configured = options.CacheDirectory ?? Environment.GetEnvironmentVariable(TorchRuntimeOptions.CacheDirectoryVariable);
        return !string.IsNullOrEmpty(configured) ? configured : PrivateCache.Folder("native");
    }
}
