using MLNet.Stripformer.Onnx;
using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Runtime;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>
/// <c>LeakyReLU(0.2)</c> with its slope a rooted Scalar (<see cref="RootedScalars"/>): TorchSharp's own module passes a
/// temporary one, which the garbage collector may free while libtorch reads it. No parameters: state dicts are unchanged.
/// </summary>
internal sealed class LeakyRelu : Module<Tensor, Tensor>, IOnnxEmitting
{
    public LeakyRelu()
        : base(nameof(LeakyRelu))
    {
    }

    /// <summary>The activation of one tensor.</summary>
    public static Tensor Apply(Tensor input) => input.leaky_relu(RootedScalars.Of(StripformerConfig.LeakyReluSlope));

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => Apply(input);

    /// <summary>The activation in an ONNX graph.</summary>
    /// <param name="ops">The graph.</param>
    /// <param name="input">The input value.</param>
    public static string Emit(GraphOps ops, string input) =>
        ops.Graph.Op("LeakyRelu", [input], OnnxAttribute.Float("alpha", StripformerConfig.LeakyReluSlope));

    /// <inheritdoc/>
    string IOnnxEmitting.Emit(GraphOps ops, string input, string prefix) => Emit(ops, input);
}
