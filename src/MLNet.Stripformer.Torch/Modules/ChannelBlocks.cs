using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>
/// Every 2-D convolution of the network, the losses and the feature networks runs through
/// <see cref="Conv2d(Tensor, Tensor, Tensor?, long[], long[], long)"/>. oneDNN, libtorch's CPU convolution library,
/// stores channels in SIMD blocks (16 on AVX-512, 8 on AVX2), and its backward pass with respect to the input is
/// wrong when a plain convolution's channels do not fill whole blocks (measured on AVX-512 and AVX2, issue 15):
/// <list type="bullet">
/// <item>output channels: it reads padding lanes of a buffer it never initialised; usually zeros (0 x w = 0), NaN
/// when the memory held a NaN or infinity (370 of 370 gradients NaN after one step on some runs);</item>
/// <item>input channels, in bfloat16: the input gradient is off by a quarter of its range whatever the memory held;</item>
/// <item>input channels above one block that fill part of the last one (20, 36): even the float32 forward pass reads
/// the unwritten lanes (NaN on junk-filled memory every time; found with a 20/36-channel test configuration);</item>
/// <item>transposed convolutions in bfloat16 with either channel count under a block: even the output is off by half
/// its range.</item>
/// </list>
/// The fix is at the source: on the CPU such a convolution runs with zero filters (and, when the input needs a
/// gradient or has more than one block, zero input channels) appended up to a whole block, and only its real channels are kept, so no padding
/// lane exists (transposed convolutions are padded on both sides, always). Parameters, state dicts and ONNX exports
/// are unchanged. In the <c>seed</c> and <c>paper</c> networks only the 3-channel output convolution is padded (it
/// computes 16 channels); the first convolution's input is the image, which needs no gradient. Depthwise
/// convolutions were measured correct and run as they are.
/// </summary>
internal static class ChannelBlocks
{
    /// <summary>The widest channel block oneDNN uses for float32 and bfloat16 (16 lanes of AVX-512 or AMX rows).</summary>
    public const long Block = 16;

    /// <summary><c>torch.nn.functional.conv2d</c>, with the output channels padded to whole blocks where needed.</summary>
    /// <param name="input">[N, C, H, W].</param>
    /// <param name="weight">[O, C / groups, kH, kW].</param>
    /// <param name="bias">[O], or null.</param>
    /// <param name="stride">The stride, both axes.</param>
    /// <param name="padding">Zero padding, both axes.</param>
    /// <param name="groups">Channel groups (1, or depthwise).</param>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, long stride = 1, long padding = 0, long groups = 1) =>
        Conv2d(input, weight, bias, [stride, stride], [padding, padding], groups);

    /// <inheritdoc cref="Conv2d(Tensor, Tensor, Tensor?, long, long, long)"/>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, long groups = 1)
    {
        long output = weight.shape[0], inputs = weight.shape[1];
        long missingOutputs = Missing(output);
        long missingInputs = input.requires_grad || inputs > Block ? Missing(inputs) : 0;
        if ((missingOutputs == 0 && missingInputs == 0) || groups != 1 || input.device_type != DeviceType.CPU)
        {
            return functional.conv2d(input, weight, bias, strides: stride, padding: padding, groups: groups);
        }

        using var scope = NewDisposeScope();
        var paddedInput = ZeroPad(input, 1, missingInputs);
        var paddedWeight = ZeroPad(ZeroPad(weight, 1, missingInputs), 0, missingOutputs);
        var paddedBias = bias is null ? null : ZeroPad(bias, 0, missingOutputs);
        var result = functional.conv2d(paddedInput, paddedWeight, paddedBias, strides: stride, padding: padding);
        return (missingOutputs == 0 ? result : result.narrow(1, 0, output)).MoveToOuterDisposeScope();
    }

    /// <summary><c>torch.nn.functional.conv_transpose2d</c>, with both channel counts padded to whole blocks where needed.</summary>
    /// <param name="input">[N, C, H, W].</param>
    /// <param name="weight">[C, O, kH, kW].</param>
    /// <param name="bias">[O], or null.</param>
    /// <param name="stride">The stride, both axes.</param>
    /// <param name="padding">The padding, both axes.</param>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias, long stride, long padding)
    {
        long inputs = weight.shape[0], output = weight.shape[1];
        long missingInputs = Missing(inputs), missingOutputs = Missing(output);
        if ((missingOutputs == 0 && missingInputs == 0) || input.device_type != DeviceType.CPU)
        {
            return functional.conv_transpose2d(input, weight, bias, strides: [stride, stride], padding: [padding, padding]);
        }

        using var scope = NewDisposeScope();
        var paddedInput = ZeroPad(input, 1, missingInputs);
        var paddedWeight = ZeroPad(ZeroPad(weight, 0, missingInputs), 1, missingOutputs);
        var paddedBias = bias is null ? null : ZeroPad(bias, 0, missingOutputs);
        var result = functional.conv_transpose2d(paddedInput, paddedWeight, paddedBias, strides: [stride, stride], padding: [padding, padding]);
        return (missingOutputs == 0 ? result : result.narrow(1, 0, output)).MoveToOuterDisposeScope();
    }

    /// <summary>Appends <paramref name="count"/> zero slices along <paramref name="dimension"/> (a concatenation with
    /// <c>zeros</c>, which passes no <see cref="Scalar"/>: see <see cref="LeakyRelu"/>).</summary>
    private static Tensor ZeroPad(Tensor tensor, long dimension, long count)
    {
        if (count == 0)
        {
            return tensor;
        }

        long[] shape = (long[])tensor.shape.Clone();
        shape[dimension] = count;
        return cat([tensor, zeros(shape, tensor.dtype, tensor.device)], dimension);
    }

    private static long Missing(long channels) => (Block - (channels % Block)) % Block;
}
