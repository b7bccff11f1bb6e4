using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>
/// <c>LeakyReLU(0.2)</c> with its slope held in one <see cref="Scalar"/> for the life of the process. TorchSharp 0.107
/// turns a <c>double</c> argument into a temporary <see cref="Scalar"/> and passes only its native handle, so the
/// garbage collector may finalize (free) that Scalar while libtorch is still reading it; with junk-filled memory this
/// showed up as <c>Expected false to be true</c> from <c>Scalar::toFloat</c> in 2 of 120 tests. A rooted Scalar cannot
/// be collected. No parameters: state dicts are unchanged.
/// </summary>
internal sealed class LeakyRelu : Module<Tensor, Tensor>
{
    private static readonly Scalar SlopeScalar = Layers.Slope.ToScalar(); // Scalars are not tracked by dispose scopes

    public LeakyRelu()
        : base(nameof(LeakyRelu))
    {
    }

    /// <summary>The activation of one tensor.</summary>
    public static Tensor Apply(Tensor input) => input.leaky_relu(SlopeScalar);

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => Apply(input);
}
