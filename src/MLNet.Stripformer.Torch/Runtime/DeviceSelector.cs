using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Runtime;

/// <summary>Turns a <see cref="ComputeDevice"/> choice (and an MLContext's GPU settings) into a torch device.</summary>
public static class DeviceSelector
{
    /// <summary>Resolves the device, initialising the native runtime first.</summary>
    /// <param name="choice">Auto, CPU or CUDA.</param>
    /// <param name="cudaIndex">The GPU for CUDA; null: the context's <c>GpuDeviceId</c>, else 0.</param>
    /// <param name="context">Optional context: its <c>GpuDeviceId</c> selects the GPU and <c>FallbackToCpu</c> allows
    /// running on the CPU when CUDA was asked for but is not usable.</param>
    /// <exception cref="TorchRuntimeException">CUDA was asked for, is not usable, and no fallback is allowed.</exception>
    public static Device Resolve(ComputeDevice choice, int? cudaIndex = null, MLContext? context = null)
    {
        TorchRuntime.Initialize();
        if (choice == ComputeDevice.Cpu)
        {
            return CPU;
        }

        int index = cudaIndex ?? context?.GpuDeviceId ?? 0;
        if (cuda.is_available() && index < cuda.device_count())
        {
            return new Device(DeviceType.CUDA, index);
        }

        if (choice == ComputeDevice.Auto || context?.FallbackToCpu == true)
        {
            return CPU;
        }

        throw new TorchRuntimeException(
            $"CUDA device {index} was requested but is not usable ({(cuda.is_available() ? $"{cuda.device_count()} GPU(s) visible" : "no CUDA libtorch loaded or no GPU")}). " +
            $"Point {TorchRuntimeOptions.LibTorchDirectoryVariable} at a CUDA build of libtorch 2.10, choose the CPU, or set MLContext.FallbackToCpu.");
    }
}
