using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace MLNet.Stripformer.Scoring;

/// <summary>Finds out which ONNX Runtime execution provider a deblurring session will get.</summary>
public static class ExecutionProvider
{
    /// <summary>The shared libraries ONNX Runtime's CUDA provider 1.31 needs on Linux (the driver, CUDA 13, cuDNN 9).</summary>
    private static readonly string[] CudaLibraries = ["libcuda.so.1", "libcudart.so.13", "libcublasLt.so.13", "libcublas.so.13", "libcudnn.so.9"];

    /// <summary>The first CUDA library that does not load, or null; probed once per process (libraries do not appear
    /// while it runs, and every Deblur fit asks).</summary>
    private static readonly Lazy<string?> MissingCudaLibrary = new(() => CudaLibraries.FirstOrDefault(library => !NativeLibrary.TryLoad(library, out _)));

    /// <summary>Chooses the device: the CUDA device when one is asked for and ONNX Runtime can open it, else the CPU
    /// when falling back is allowed. With falling back allowed, the check is quiet: on Linux the CUDA libraries are
    /// looked for first, so a machine without CUDA gets the CPU without ONNX Runtime logging a failed library load.</summary>
    /// <param name="gpuDeviceId">The CUDA device asked for, or null for the CPU.</param>
    /// <param name="fallbackToCpu">Whether to use the CPU when the GPU cannot be used.</param>
    /// <param name="description">One line saying which provider runs and why.</param>
    /// <returns>The device id to run on, or null for the CPU.</returns>
    /// <exception cref="InvalidOperationException">The GPU cannot be used and falling back is not allowed.</exception>
    public static int? Choose(int? gpuDeviceId, bool fallbackToCpu, out string description)
    {
        if (gpuDeviceId is not { } device)
        {
            description = "ONNX Runtime provider: CPUExecutionProvider";
            return null;
        }

        if (fallbackToCpu && OperatingSystem.IsLinux() && MissingCudaLibrary.Value is { } missing)
        {
            description = $"ONNX Runtime provider: CPUExecutionProvider (CUDA device {device} unavailable: {missing} not found)";
            return null;
        }

        try
        {
            using var options = SessionOptions.MakeSessionOptionWithCudaProvider(device);
            description = $"ONNX Runtime provider: CUDAExecutionProvider (device {device})";
            return device;
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            string reason = e.Message.Split('\n')[0].Trim();
            if (!fallbackToCpu)
            {
                throw new InvalidOperationException(
                    $"CUDA device {device} cannot be used by ONNX Runtime ({reason}); reference Microsoft.ML.OnnxRuntime.Gpu and install CUDA 13 and cuDNN 9, or allow the CPU fallback.", e);
            }

            description = $"ONNX Runtime provider: CPUExecutionProvider (CUDA device {device} unavailable: {reason})";
            return null;
        }
    }
}
