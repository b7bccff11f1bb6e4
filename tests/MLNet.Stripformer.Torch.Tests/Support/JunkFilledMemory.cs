using System.Runtime.CompilerServices;
using MLNet.Stripformer.Torch.Runtime;

namespace MLNet.Stripformer.Tests.Support;

/// <summary>
/// Every test in this assembly, and every process it starts (the examples, the CLI), runs with libtorch's junk fill:
/// new CPU allocations hold a NaN pattern, so code that reads memory it never wrote fails every time instead of on
/// some machines now and then (issue 15: oneDNN's padded channel blocks).
/// </summary>
internal static class JunkFilledMemory
{
    [ModuleInitializer]
    internal static void TurnOn() => Environment.SetEnvironmentVariable(TorchRuntimeOptions.CpuMemoryFillVariable, "junk");
}
