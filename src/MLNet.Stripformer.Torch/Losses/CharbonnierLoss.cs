using MLNet.Stripformer.Torch.Runtime;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Losses;

/// <summary>Charbonnier loss, <c>mean(sqrt((prediction - target)^2 + eps^2))</c>, eps 1e-3: a smooth L1.</summary>
public static class CharbonnierLoss
{
    /// <summary>The reference's epsilon.</summary>
    public const double Epsilon = 1e-3;

    /// <summary>The loss (a scalar, float32).</summary>
    /// <param name="prediction">The restored images.</param>
    /// <param name="target">The sharp images.</param>
    /// <param name="epsilon">Smoothing constant.</param>
    public static Tensor Compute(Tensor prediction, Tensor target, double epsilon = Epsilon)
    {
        using var scope = NewDisposeScope();
        var difference = prediction.to(ScalarType.Float32) - target.to(ScalarType.Float32);
        return (difference * difference).Plus(epsilon * epsilon).sqrt().mean().MoveToOuterDisposeScope();
    }
}
