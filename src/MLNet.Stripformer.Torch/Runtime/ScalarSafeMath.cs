using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Runtime;

/// <summary>
/// Tensor arithmetic with numbers, written so that every Scalar libtorch reads is rooted (see
/// <see cref="RootedScalars"/>). Use these instead of <c>+</c>, <c>*</c>, <c>/</c> with numbers, and instead of the
/// tensor <c>+</c> (whose hidden <c>alpha = 1</c> is a temporary Scalar); a test scans this assembly for the rest.
/// </summary>
internal static class ScalarSafeMath
{
    /// <summary><c>a + b</c>.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, RootedScalars.Of(1));

    /// <summary><c>a + constant</c>.</summary>
    public static Tensor Plus(this Tensor a, double constant) => a.add(RootedScalars.Of(constant), RootedScalars.Of(1));

    /// <summary><c>a * constant</c>.</summary>
    public static Tensor Times(this Tensor a, double constant) => a.mul(RootedScalars.Of(constant));

    /// <summary><c>a / constant</c>.</summary>
    public static Tensor DividedBy(this Tensor a, double constant) => a.div(RootedScalars.Of(constant));

    /// <summary><c>a * a</c>.</summary>
    public static Tensor Squared(this Tensor a) => a.mul(a);

    /// <summary>1 where <c>a &gt; constant</c>, else 0 (boolean).</summary>
    public static Tensor GreaterThan(this Tensor a, double constant) => a.gt(RootedScalars.Of(constant));

    /// <summary><paramref name="a"/> clamped to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Tensor ClampTo(this Tensor a, double min, double max) => a.clamp(RootedScalars.Of(min), RootedScalars.Of(max));
}
