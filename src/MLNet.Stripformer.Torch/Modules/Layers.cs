using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>The small Sequentials of the encoder and decoder, named as the reference builds them (the activation
/// sits at index 1, so weights live at <c>.0.</c> and <c>.2.</c>).</summary>
internal static class Layers
{

    /// <summary>[Conv k x k, LeakyReLU(0.2)].</summary>
    public static Sequential ConvActivation(long input, long output, long kernel, long stride = 1) =>
        Sequential(BlockSafeConv.Conv(input, output, kernel, stride: stride, padding: kernel / 2), new LeakyRelu());

    /// <summary>[ConvTranspose 4x4 stride 2 pad 1, LeakyReLU(0.2)]: doubles the resolution.</summary>
    public static Sequential UpActivation(long input, long output) =>
        Sequential(BlockSafeConv.Transposed(input, output, 4, stride: 2, padding: 1), new LeakyRelu());

    /// <summary>[Conv a x a, LeakyReLU(0.2), Conv 3x3]: a residual branch.</summary>
    public static Sequential Branch(long input, long output, long firstKernel = 3) =>
        Sequential(BlockSafeConv.Conv(input, output, firstKernel, padding: firstKernel / 2), new LeakyRelu(), BlockSafeConv.Conv(output, output, 3, padding: 1));

    /// <summary><c>LeakyReLU(branch(x) + residual)</c>.</summary>
    public static Tensor Residual(Sequential branch, Tensor input, Tensor residual)
    {
        using var sum = branch.forward(input).Plus(residual);
        return LeakyRelu.Apply(sum);
    }

    /// <summary>A Sequential of these layers in an ONNX graph: its children, in order.</summary>
    public static string Emit(GraphOps ops, Sequential layers, string input, string prefix) =>
        layers.named_children().Aggregate(input, (x, child) => ((IOnnxEmitting)child.module).Emit(ops, x, $"{prefix}.{child.name}"));

    /// <summary><see cref="Residual"/> in an ONNX graph.</summary>
    public static string EmitResidual(GraphOps ops, Sequential branch, string input, string residual, string prefix) =>
        LeakyRelu.Emit(ops, ops.Add(Emit(ops, branch, input, prefix), residual));
}
