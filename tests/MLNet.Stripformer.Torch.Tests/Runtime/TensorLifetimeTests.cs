using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Tests.Support;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Tests.Runtime;

/// <summary>
/// TorchSharp 0.107 can free a temporary tensor while libtorch reads it (see <see cref="UnrootedTensorTemporaries"/>);
/// CI saw it as <c>Hit PythonDispatcher dispatch key but PythonDispatcherTLS was not set</c> in <c>clone</c>. Neither
/// the library nor its tests make such a call (a crash in a test is as red as one in the library).
/// </summary>
public sealed class TensorLifetimeTests
{
    [Fact]
    public void No_call_in_the_torch_library_leaves_a_tensor_unrooted()
    {
        var findings = UnrootedTensorTemporaries.In(typeof(StripformerNetwork).Assembly.Location);
        Assert.True(findings.Count == 0, $"{findings.Count} unsafe calls:\n" + string.Join("\n", findings.Distinct()));
    }

    [Fact]
    public void No_torch_test_leaves_a_tensor_or_scalar_unrooted()
    {
        string tests = typeof(TensorLifetimeTests).Assembly.Location;
        var findings = UnrootedTensorTemporaries.In(tests).Concat(UnrootedScalarCalls.In(tests))
            .Where(f => !f.Contains("Unsafe", StringComparison.Ordinal))
            .ToList();
        Assert.True(findings.Count == 0, $"{findings.Count} unsafe calls:\n" + string.Join("\n", findings.Distinct()));
    }

    [Fact]
    public void The_scan_finds_chained_and_undisposed_temporaries_and_accepts_scoped_ones()
    {
        var findings = UnrootedTensorTemporaries.In(typeof(TensorLifetimeTests).Assembly.Location)
            .Where(f => f.Contains(nameof(TensorLifetimeTests), StringComparison.Ordinal))
            .ToList();

        Assert.Contains(findings, f => f.EndsWith("::" + nameof(UnsafeChain) + " -> Tensor::detach", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.EndsWith("::" + nameof(UnsafeLocal) + " -> Tensor::detach", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Contains("::" + nameof(SafeUsing), StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Contains("::" + nameof(SafeScope), StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Contains("::" + nameof(SafeInPlace), StringComparison.Ordinal));
    }

    private static Tensor UnsafeChain(Tensor a) => a.detach().clone();

    private static Tensor UnsafeLocal(Tensor a)
    {
        var detached = a.detach();
        return detached.clone();
    }

    private static Tensor SafeUsing(Tensor a)
    {
        using var detached = a.detach();
        return detached.clone();
    }

    private static Tensor SafeScope(Tensor a)
    {
        using var scope = NewDisposeScope();
        return a.detach().clone().MoveToOuterDisposeScope();
    }

    private static void SafeInPlace(Tensor a) => a.mul_(a).div_(a);
}
