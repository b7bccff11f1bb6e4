namespace MLNet.Stripformer.Torch.Modules;

/// <summary>How the network's output is formed from the decoder output <c>d</c> and the input <c>x</c>.</summary>
public enum StripformerOutput
{
    /// <summary><c>sigmoid(d + x)</c> on [0, 1] input: the report's code.</summary>
    Sigmoid,

    /// <summary><c>d + x</c>: the paper's plain residual (starts near the identity, trains faster).</summary>
    Residual,
}

/// <summary>
/// A Stripformer configuration: channel widths, heads, and the output form. Parameter names, shapes and order do not
/// depend on <see cref="Output"/> or <see cref="InputShift"/>, so weights load into either output form.
/// </summary>
/// <param name="Name">The configuration's name (<c>seed</c> or <c>paper</c>, or your own).</param>
/// <param name="Encoder1">Channels at full resolution (c1).</param>
/// <param name="Encoder2">Channels at half resolution (c2).</param>
/// <param name="Latent">Channels at quarter resolution (c3), where the <see cref="LatentBlocks"/> transformer blocks run.</param>
/// <param name="LatentHeads">Attention heads of the latent blocks.</param>
/// <param name="DecoderDim">Channels of the decoder's attention blocks.</param>
/// <param name="DecoderHeads">Attention heads of the decoder's blocks.</param>
/// <param name="Output">Sigmoid or plain residual output.</param>
/// <param name="InputShift">Added to the [0, 1] input before the network and subtracted from the output after it
/// (the paper trains on [-0.5, 0.5]: shift -0.5).</param>
public sealed record StripformerConfig(
    string Name, int Encoder1, int Encoder2, int Latent, int LatentHeads, int DecoderDim, int DecoderHeads, StripformerOutput Output, float InputShift)
{
    /// <summary>The project report's configuration: 3,162,883 parameters, <c>sigmoid(d + x)</c> on [0, 1].</summary>
    public static StripformerConfig Seed { get; } = new("seed", 32, 64, 128, 2, 64, 2, StripformerOutput.Sigmoid, 0f);

    /// <summary>The ECCV 2022 paper's configuration: 19,708,611 parameters, <c>d + x</c> on [-0.5, 0.5].</summary>
    public static StripformerConfig Paper { get; } = new("paper", 64, 128, 320, 5, 192, 3, StripformerOutput.Residual, -0.5f);

    /// <summary>The slope of every LeakyReLU of the network (the reference's <c>nn.LeakyReLU(0.2, True)</c>).</summary>
    public const float LeakyReluSlope = 0.2f;

    /// <summary>Transformer blocks at quarter resolution (<c>Trans_block_1</c>...), intra- and inter-strip in turn,
    /// starting with intra. 12 in both published configurations.</summary>
    public int LatentBlocks { get; init; } = 12;

    /// <summary>Transformer blocks in the decoder (<c>decoder.de_block_1</c>...), intra- and inter-strip in turn. 6 in
    /// both published configurations.</summary>
    public int DecoderBlocks { get; init; } = 6;

    /// <summary>The named configurations, in the order they are tried when a file's configuration is recognised.</summary>
    public static IReadOnlyList<StripformerConfig> Known { get; } = [Seed, Paper];

    /// <summary>A named configuration: <c>seed</c> or <c>paper</c> (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentException">The name is not a known configuration.</exception>
    public static StripformerConfig FromName(string name) =>
        Known.FirstOrDefault(c => string.Equals(c.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown Stripformer configuration '{name}': use {string.Join(" or ", Known.Select(c => $"'{c.Name}'"))}.", nameof(name));

    /// <summary>
    /// A lower bound on the weights this configuration has, counted without building it: the 3x3 convolutions of
    /// the six residual encoder blocks and the MLPs of the latent and decoder blocks. A file that claims a
    /// configuration must hold at least this many weights, which bounds what loading it can allocate.
    /// </summary>
    /// <returns>The bound, as a double so that no configuration overflows it.</returns>
    internal double MinimumWeightCount()
    {
        double c1 = Encoder1, c2 = Encoder2, c3 = Latent, dd = DecoderDim;
        return (54 * c1 * c1) + (54 * c2 * c2) + (8.0 * LatentBlocks * c3 * c3) + (8.0 * DecoderBlocks * dd * dd);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first inconsistent field.</summary>
    public void Validate()
    {
        foreach (var (value, name) in new[] { (Encoder1, nameof(Encoder1)), (Encoder2, nameof(Encoder2)), (Latent, nameof(Latent)), (LatentHeads, nameof(LatentHeads)), (DecoderDim, nameof(DecoderDim)), (DecoderHeads, nameof(DecoderHeads)), (LatentBlocks, nameof(LatentBlocks)), (DecoderBlocks, nameof(DecoderBlocks)) })
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
            }
        }

        if (Latent % 2 != 0 || DecoderDim % 2 != 0)
        {
            throw new ArgumentException($"{nameof(Latent)} and {nameof(DecoderDim)} must be even (the blocks split channels in halves).");
        }

        if ((Latent / 2) % LatentHeads != 0 || (DecoderDim / 2) % DecoderHeads != 0)
        {
            throw new ArgumentException("Half of each block's channels must divide evenly among its heads.");
        }

        if (!Enum.IsDefined(Output) || !float.IsFinite(InputShift))
        {
            throw new ArgumentException($"{nameof(Output)} must be Sigmoid or Residual and {nameof(InputShift)} finite.");
        }
    }
}
