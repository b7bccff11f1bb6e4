namespace MLNet.Stripformer.Torch.Runtime;

/// <summary>Where the network runs.</summary>
public enum ComputeDevice
{
    /// <summary>CUDA when a GPU is usable (the MLContext's <c>GpuDeviceId</c>, else GPU 0), otherwise the CPU.</summary>
    Auto,

    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>A CUDA GPU: fails unless one is usable (or falls back when the MLContext says <c>FallbackToCpu</c>).</summary>
    Cuda,
}
