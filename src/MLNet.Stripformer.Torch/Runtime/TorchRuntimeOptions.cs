namespace MLNet.Stripformer.Torch.Runtime;

/// <summary>Where the native libraries come from.</summary>
public sealed record TorchRuntimeOptions
{
    /// <summary>Environment variable naming a directory with a user-supplied libtorch 2.10 (for example a CUDA
    /// build's <c>lib</c> folder); used when <see cref="LibTorchDirectory"/> is not set.</summary>
    public const string LibTorchDirectoryVariable = "STRIPFORMER_LIBTORCH_DIR";

    /// <summary>Environment variable naming the directory for the private patched copy of libLibTorchSharp.so.</summary>
    public const string CacheDirectoryVariable = "STRIPFORMER_NATIVE_CACHE";

    /// <summary>A directory holding libtorch 2.10 (<c>libtorch.so</c>, <c>libtorch_cpu.so</c>, <c>libc10.so</c>, and for
    /// CUDA <c>libtorch_cuda.so</c>); null: the environment variable, else the libtorch package next to the application.</summary>
    public string? LibTorchDirectory { get; init; }

    /// <summary>Where the patched copy of <c>libLibTorchSharp.so</c> is kept between runs; null: the environment
    /// variable, else <c>$XDG_CACHE_HOME/mlnet-stripformer/native</c> (or <c>~/.cache/...</c>, or the temp folder).</summary>
    public string? CacheDirectory { get; init; }
}
