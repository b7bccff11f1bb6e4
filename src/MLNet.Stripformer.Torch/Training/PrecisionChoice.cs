using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>
/// Resolves <see cref="TrainingPrecision.Auto"/> to bfloat16 only where it was measured to pay and to train to the
/// float32 result: on CUDA (H200: see <c>benchmarks/RESULTS.md</c>) and on CPUs with AVX512_BF16 and no AMX (AMD
/// Zen 5: 1.84x the float32 step rate, validation PSNR within 0.1 dB after the same steps once the oneDNN
/// workarounds of <see cref="Modules.ChannelBlocks"/> were in place). Every other CPU, AMX ones included (not
/// measured), trains in float32; ask for <see cref="TrainingPrecision.BFloat16"/> to use it there.
/// </summary>
internal static class PrecisionChoice
{
    public static TrainingPrecision Resolve(TrainingPrecision requested, Device device) =>
        requested != TrainingPrecision.Auto ? requested
        : device.type == TorchSharp.DeviceType.CUDA || CpuMeasuredForBFloat16() ? TrainingPrecision.BFloat16
        : TrainingPrecision.Float32;

    private static bool CpuMeasuredForBFloat16()
    {
        try
        {
            string? flags = File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal))
                : null;
            return flags is not null && flags.Contains(" avx512_bf16", StringComparison.Ordinal) && !flags.Contains(" amx_", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
