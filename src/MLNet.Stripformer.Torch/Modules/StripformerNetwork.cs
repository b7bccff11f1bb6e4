using MLNet.Stripformer.Onnx;
using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>
/// The Stripformer network, state-dict compatible with the public PyTorch code (names, shapes and order): an
/// encoder, <see cref="StripformerConfig.LatentBlocks"/> strip-attention blocks at quarter resolution (intra, inter, intra, ...; 12 in the published configurations), and a decoder. Input is
/// [N, 3, H, W] in [0, 1] of any size: it is reflect-padded to a multiple of 4 (replicated where the image is smaller
/// than the pad) and the output cropped back. The output is <c>sigmoid(d + x)</c> or <c>d + x</c> as the
/// configuration says, with the configuration's input shift applied around the network.
/// </summary>
public sealed class StripformerNetwork : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names and order are the PyTorch state_dict's.
    private readonly StripformerEncoder encoder;
    private readonly StripformerDecoder decoder;
#pragma warning restore IDE1006

    /// <summary><c>Trans_block_1</c>... (<see cref="StripformerConfig.LatentBlocks"/>), intra- and inter-strip in turn.</summary>
    private readonly StripBlocks _blocks;

    /// <summary>Builds the network with freshly initialised weights (PyTorch's default initialisation).</summary>
    /// <param name="config">The configuration.</param>
    public StripformerNetwork(StripformerConfig config)
        : base("Stripformer")
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        encoder = new StripformerEncoder(config);
        _blocks = new StripBlocks("Trans_block_", config.LatentBlocks, config.Latent, config.LatentHeads);
        decoder = new StripformerDecoder(config);

        // In the reference's order, which is the state dict's.
        register_module(nameof(encoder), encoder);
        _blocks.RegisterIn(this);
        register_module(nameof(decoder), decoder);
    }

    /// <summary>The configuration.</summary>
    public StripformerConfig Config { get; }

    /// <summary>Number of trainable values.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>
    /// Zeroes the decoder's last convolution, so that a <see cref="StripformerOutput.Residual"/> network starts as the exact
    /// identity while every other layer keeps its random initialisation (and so its informative features).
    /// </summary>
    public void StartAtIdentity() => decoder.ZeroOutputLayer();

    /// <summary>Throws when a weight holds NaN or an infinity, so that a diverged network never reaches a checkpoint,
    /// an export or a shipped file.</summary>
    /// <param name="action">What was refused, for the message ("save a checkpoint", "export to ONNX").</param>
    /// <exception cref="InvalidOperationException">A tensor is not finite; the message names it.</exception>
    public void EnsureFiniteWeights(string action)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, value) in state_dict())
        {
            if (value.is_floating_point() && !value.isfinite().all().item<bool>())
            {
                throw new InvalidOperationException(
                    $"Cannot {action}: the network's tensor '{name}' holds NaN or infinite values (training diverged; lower the learning rate or set a gradient clip).");
            }
        }
    }

    /// <summary>Restores [N, 3, H, W] images in [0, 1] (any H and W). When the network's parameters are bfloat16,
    /// convolutions and linear layers run in bfloat16 while normalisation, softmax and the residual output stay in
    /// float32, and the float32 input is never rounded on the residual path.</summary>
    /// <param name="input">The blurred images.</param>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || input.shape[1] != 3)
        {
            throw new ArgumentException($"Stripformer expects [N, 3, H, W] images; got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        long height = input.shape[2], width = input.shape[3];
        using var scope = NewDisposeScope();
        var x = Config.InputShift == 0 ? input : input.Plus(Config.InputShift);
        var padded = PadToMultipleOf4(x);
        var (z, r1, r2) = encoder.forward(padded.to(parameters().First().dtype));
        var d = decoder.forward(_blocks.Forward(z), r1, r2).to(padded.dtype).Plus(padded);
        var output = Config.Output == StripformerOutput.Sigmoid ? d.sigmoid() : d;
        if (Config.InputShift != 0)
        {
            output = output.Plus(-Config.InputShift);
        }

        return output[.., .., ..(int)height, ..(int)width].MoveToOuterDisposeScope();
    }

    private static Tensor PadToMultipleOf4(Tensor x)
    {
        long padH = (4 - (x.shape[2] % 4)) % 4, padW = (4 - (x.shape[3] % 4)) % 4;
        if (padH == 0 && padW == 0)
        {
            return x.alias();
        }

        var mode = padH < x.shape[2] && padW < x.shape[3] ? PaddingModes.Reflect : PaddingModes.Replicate;
        return functional.pad(x, [0, padW, 0, padH], mode);
    }

    /// <summary><see cref="forward"/> in an ONNX graph (float32), [N, 3, H, W] in and out: the input shift, the padding to
    /// a multiple of 4 (reflect, or replicate where the image is too small to reflect, chosen by an <c>If</c> at run
    /// time), the encoder, the blocks, the decoder, the output form, and the crop back to H x W.</summary>
    /// <param name="ops">The graph and this network's weights.</param>
    /// <param name="input">The input value.</param>
    internal string Emit(GraphOps ops, string input)
    {
        var g = ops.Graph;
        string x = Config.InputShift == 0 ? input : ops.Add(input, g.FloatScalar(Config.InputShift));
        string shape = g.Op("Shape", [x]);
        string height = g.Op("Slice", [shape, g.Int64s(2), g.Int64s(3)]);
        string width = g.Op("Slice", [shape, g.Int64s(3), g.Int64s(4)]);
        string padded = EmitPadToMultipleOf4(g, x, height, width);
        var (z, r1, r2) = encoder.Emit(ops, padded, nameof(encoder));
        string d = ops.Add(decoder.Emit(ops, _blocks.Emit(ops, z, string.Empty), r1, r2, nameof(decoder)), padded);
        string output = Config.Output == StripformerOutput.Sigmoid ? g.Op("Sigmoid", [d]) : d;
        if (Config.InputShift != 0)
        {
            output = g.Op("Sub", [output, g.FloatScalar(Config.InputShift)]);
        }

        return g.Op("Slice", [output, g.Int64s(0, 0), ops.Concat(0, height, width), g.Int64s(2, 3)]);
    }

    private static string EmitPadToMultipleOf4(OnnxGraphBuilder g, string x, string height, string width)
    {
        string four = g.Int64s(4);
        string PadFor(string size) => g.Op("Mod", [g.Op("Sub", [four, g.Op("Mod", [size, four])]), four]);
        string padH = PadFor(height), padW = PadFor(width);
        string pads = g.Op("Concat", [g.Int64s(0, 0, 0, 0, 0, 0), padH, padW], OnnxAttribute.Int("axis", 0));
        string reflectable = g.Op("And", [g.Op("Less", [padH, height]), g.Op("Less", [padW, width])]);

        OnnxGraphBuilder Branch(string mode)
        {
            var branch = new OnnxGraphBuilder("pad_" + mode, g.NewName("pad_" + mode) + "/");
            string result = branch.Op("Pad", [x, pads], OnnxAttribute.Text("mode", mode));
            branch.Output(result, OnnxElementType.Float, "N", 3, "padded_height", "padded_width");
            return branch;
        }

        return g.Op("If", [reflectable], OnnxAttribute.Graph("then_branch", Branch("reflect")), OnnxAttribute.Graph("else_branch", Branch("edge")));
    }
}
