using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Tests.Support;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Tests.Runtime;

/// <summary>
/// TorchSharp 0.107 can free a temporary Scalar while libtorch reads it (see <see cref="UnrootedScalarCalls"/>); CI
/// saw it twice as <c>Expected false to be true</c> from <c>Scalar::toFloat</c>. The library never makes such a call.
/// </summary>
public sealed class ScalarLifetimeTests
{
    [Fact]
    public void No_call_in_the_torch_library_hands_libtorch_an_unrooted_scalar()
    {
        var findings = UnrootedScalarCalls.In(typeof(StripformerNetwork).Assembly.Location);
        Assert.True(findings.Count == 0, $"{findings.Count} unsafe calls:\n" + string.Join("\n", findings.Distinct()));
    }

    [Fact]
    public void The_scan_finds_the_unsafe_calls_of_this_test_assembly()
    {
        var findings = UnrootedScalarCalls.In(typeof(ScalarLifetimeTests).Assembly.Location)
            .Where(f => f.Contains(nameof(ScalarLifetimeTests), StringComparison.Ordinal))
            .ToList();

        Assert.Contains(findings, f => f.EndsWith("::" + nameof(UnsafeSum) + " -> Tensor::op_Addition(Tensor, Tensor)", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.EndsWith("::" + nameof(UnsafeClamp) + " -> Scalar::op_Implicit(Double)", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("::" + nameof(UnsafeOptimizer) + " -> optim::Adam(", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Contains("::" + nameof(SafeClamp), StringComparison.Ordinal));
    }

    private static Tensor UnsafeSum(Tensor a, Tensor b) => a + b;

    private static Tensor UnsafeClamp(Tensor a) => a.clamp(0.0, 1.0);

    private static void UnsafeOptimizer(StripformerNetwork network) => optim.Adam(network.parameters()).Dispose();

    private static Tensor SafeClamp(Tensor a)
    {
        using var low = TorchSharp.ScalarExtensionMethods.ToScalar(0.0);
        return a.clamp_min(low);
    }
}
