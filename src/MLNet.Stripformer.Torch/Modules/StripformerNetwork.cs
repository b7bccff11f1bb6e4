using MLNet.Stripformer.Torch.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>
/// The Stripformer network, state-dict compatible with the public PyTorch code (names, shapes and order): an
/// encoder, twelve strip-attention blocks at quarter resolution (intra, inter, intra, ...), and a decoder. Input is
/// [N, 3, H, W] in [0, 1] of any size: it is reflect-padded to a multiple of 4 (replicated where the image is smaller
/// than the pad) and the output cropped back. The output is <c>sigmoid(d + x)</c> or <c>d + x</c> as the
/// configuration says, with the configuration's input shift applied around the network.
/// </summary>
public sealed class StripformerNetwork : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names and order are the PyTorch state_dict's.
    private readonly StripformerEncoder encoder;
    private readonly IntraStripAttention Trans_block_1;
    private readonly InterStripAttention Trans_block_2;
    private readonly IntraStripAttention Trans_block_3;
    private readonly InterStripAttention Trans_block_4;
    private readonly IntraStripAttention Trans_block_5;
    private readonly InterStripAttention Trans_block_6;
    private readonly IntraStripAttention Trans_block_7;
    private readonly InterStripAttention Trans_block_8;
    private readonly IntraStripAttention Trans_block_9;
    private readonly InterStripAttention Trans_block_10;
    private readonly IntraStripAttention Trans_block_11;
    private readonly InterStripAttention Trans_block_12;
    private readonly StripformerDecoder decoder;
#pragma warning restore IDE1006
    private readonly Module<Tensor, Tensor>[] _blocks;

    /// <summary>Builds the network with freshly initialised weights (PyTorch's default initialisation).</summary>
    /// <param name="config">The configuration.</param>
    public StripformerNetwork(StripformerConfig config)
        : base("Stripformer")
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        int dim = config.Latent, heads = config.LatentHeads;
        encoder = new StripformerEncoder(config);
        Trans_block_1 = new IntraStripAttention(dim, heads);
        Trans_block_2 = new InterStripAttention(dim, heads);
        Trans_block_3 = new IntraStripAttention(dim, heads);
        Trans_block_4 = new InterStripAttention(dim, heads);
        Trans_block_5 = new IntraStripAttention(dim, heads);
        Trans_block_6 = new InterStripAttention(dim, heads);
        Trans_block_7 = new IntraStripAttention(dim, heads);
        Trans_block_8 = new InterStripAttention(dim, heads);
        Trans_block_9 = new IntraStripAttention(dim, heads);
        Trans_block_10 = new InterStripAttention(dim, heads);
        Trans_block_11 = new IntraStripAttention(dim, heads);
        Trans_block_12 = new InterStripAttention(dim, heads);
        decoder = new StripformerDecoder(config);
        _blocks = [Trans_block_1, Trans_block_2, Trans_block_3, Trans_block_4, Trans_block_5, Trans_block_6, Trans_block_7, Trans_block_8, Trans_block_9, Trans_block_10, Trans_block_11, Trans_block_12];
        RegisterComponents();
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
        foreach (var block in _blocks)
        {
            z = block.forward(z);
        }

        var d = decoder.forward(z, r1, r2).to(padded.dtype).Plus(padded);
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
}
