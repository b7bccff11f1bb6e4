using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>The decoder (<c>decoder.*</c>, the reference's <c>Embeddings_output</c>).</summary>
internal sealed class StripformerDecoder : Module<Tensor, Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names and order are the PyTorch state_dict's.
    private readonly Sequential de_layer3_1;
    private readonly Sequential de_layer2_2;
    private readonly IntraStripAttention de_block_1;
    private readonly InterStripAttention de_block_2;
    private readonly IntraStripAttention de_block_3;
    private readonly InterStripAttention de_block_4;
    private readonly IntraStripAttention de_block_5;
    private readonly InterStripAttention de_block_6;
    private readonly Sequential de_layer2_1;
    private readonly Sequential de_layer1_3;
    private readonly Sequential de_layer1_2;
    private readonly Sequential de_layer1_1;
#pragma warning restore IDE1006

    public StripformerDecoder(StripformerConfig config)
        : base("Embeddings_output")
    {
        int c1 = config.Encoder1, c2 = config.Encoder2, dd = config.DecoderDim, heads = config.DecoderHeads;
        de_layer3_1 = Layers.UpActivation(config.Latent, dd);
        de_layer2_2 = Layers.ConvActivation(dd + c2, dd, 1);
        de_block_1 = new IntraStripAttention(dd, heads);
        de_block_2 = new InterStripAttention(dd, heads);
        de_block_3 = new IntraStripAttention(dd, heads);
        de_block_4 = new InterStripAttention(dd, heads);
        de_block_5 = new IntraStripAttention(dd, heads);
        de_block_6 = new InterStripAttention(dd, heads);
        de_layer2_1 = Layers.UpActivation(dd, c1);
        de_layer1_3 = Layers.Branch(2 * c1, c1, firstKernel: 1);
        de_layer1_2 = Layers.Branch(c1, c1);
        de_layer1_1 = Layers.ConvActivation(c1, 3, 3);
        RegisterComponents();
    }

    /// <summary>Zeroes the last convolution, so that <c>d</c> is exactly 0 and a residual network is the identity.</summary>
    public void ZeroOutputLayer()
    {
        using var noGrad = no_grad();
        foreach (var parameter in de_layer1_1.parameters())
        {
            parameter.zero_();
        }
    }

    public override Tensor forward(Tensor z, Tensor r1, Tensor r2)
    {
        using var scope = NewDisposeScope();
        var h = de_layer2_2.forward(cat([de_layer3_1.forward(z), r2], 1));
        foreach (var block in new Module<Tensor, Tensor>[] { de_block_1, de_block_2, de_block_3, de_block_4, de_block_5, de_block_6 })
        {
            h = block.forward(h);
        }

        h = de_layer2_1.forward(h);
        h = Layers.Residual(de_layer1_3, cat([h, r1], 1), h);
        h = Layers.Residual(de_layer1_2, h, h);
        return de_layer1_1.forward(h).MoveToOuterDisposeScope();
    }
}
