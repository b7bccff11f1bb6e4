using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>Resolves <see cref="TrainingPrecision.Auto"/>: bfloat16 on CUDA and on CPUs with AVX512_BF16 or AMX-BF16.</summary>
internal static class PrecisionChoice
{
    public static TrainingPrecision Resolve(TrainingPrecision requested, Device device) =>
        requested != TrainingPrecision.Auto ? requested
        : device.type == TorchSharp.DeviceType.CUDA || CpuHasBFloat16() ? TrainingPrecision.BFloat16
        : TrainingPrecision.Float32;

    private static bool CpuHasBFloat16()
    {
        try
        {
            return File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo")
                .Where(l => l.StartsWith("flags", StringComparison.Ordinal))
                .Take(1)
                .Any(l => l.Contains(" avx512_bf16", StringComparison.Ordinal) || l.Contains(" amx_bf16", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
