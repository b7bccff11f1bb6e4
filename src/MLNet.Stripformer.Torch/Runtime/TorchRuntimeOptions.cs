namespace MLNet.Stripformer.Torch.Runtime;

/// <summary>Where the native libraries come from.</summary>
public sealed record TorchRuntimeOptions
{
    /// <summary>Environment variable naming a directory with a user-supplied libtorch 2.10 (for example a CUDA
    /// build's <c>lib</c> folder); used when <see cref="LibTorchDirectory"/> is not set.</summary>
    public const string LibTorchDirectoryVariable = "STRIPFORMER_LIBTORCH_DIR";

    /// <summary>Environment variable naming the directory for the private patched copy of libLibTorchSharp.so.</summary>
    public const string CacheDirectoryVariable = "STRIPFORMER_NATIVE_CACHE";

    /// <summary>Environment variable setting <see cref="CpuMemoryFill"/> when the option is null: <c>none</c>, <c>zero</c>
    /// or <c>junk</c> (the test suites run with <c>junk</c>, so that a read of uninitialised memory fails every time).</summary>
    public const string CpuMemoryFillVariable = "STRIPFORMER_CPU_MEMORY_FILL";

    /// <summary>A directory holding libtorch 2.10 (<c>libtorch.so</c>, <c>libtorch_cpu.so</c>, <c>libc10.so</c>, and for
    /// CUDA <c>libtorch_cuda.so</c>); null: the environment variable, else the libtorch package next to the application.</summary>
    public string? LibTorchDirectory { get; init; }

    /// <summary>Where the patched copy of <c>libLibTorchSharp.so</c> is kept between runs; null: the environment
    /// variable, else the <c>native</c> folder of the user's private cache (<c>PrivateCache</c>).</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>What libtorch writes into new CPU allocations; null: the environment variable, else
    /// <see cref="Runtime.CpuMemoryFill.None"/>. Training is correct without a fill; <c>Zero</c> is a global safeguard
    /// and <c>Junk</c> a diagnostic.</summary>
    public CpuMemoryFill? CpuMemoryFill { get; init; }
}
