using System.Collections.Concurrent;
using TorchSharp;

namespace MLNet.Stripformer.Torch.Runtime;

/// <summary>
/// The Scalars this library hands libtorch, each kept alive for the life of the process. TorchSharp 0.107 turns a
/// number into a temporary <see cref="Scalar"/> (implicit conversions, and overloads such as <c>Tensor.add(Tensor)</c>,
/// which pass a literal <c>1</c>) and gives libtorch only its native handle, so the garbage collector may run the
/// Scalar's finalizer, which frees the native value, while libtorch still reads it (dotnet/TorchSharp#1434, open): CI
/// saw <c>Expected false to be true</c> from <c>Scalar::toFloat</c>. Only constants of the code or of one run's
/// options belong here (the cache never shrinks); a value that changes every step goes into a <c>using</c> local.
/// </summary>
internal static class RootedScalars
{
    private static readonly ConcurrentDictionary<double, Scalar> Constants = new();

    /// <summary>The rooted Scalar of <paramref name="constant"/> (a float64 Scalar: libtorch casts it to the tensor's type).</summary>
    public static Scalar Of(double constant) => Constants.GetOrAdd(constant, static value => value.ToScalar());
}
