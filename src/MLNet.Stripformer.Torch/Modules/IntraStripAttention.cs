using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>
/// Intra-strip attention (<c>Intra_SA</c>): after LayerNorm and a 1x1 convolution, half the channels attend along
/// each row (tokens are the row's pixels), the other half along each column; the halves are fused by a 1x1
/// convolution and added to the input, followed by the MLP and the position encoding.
/// </summary>
internal sealed class IntraStripAttention : Module<Tensor, Tensor>, IOnnxEmitting
{
#pragma warning disable IDE1006 // Field names and order are the PyTorch state_dict's.
    private readonly LayerNorm attention_norm;
    private readonly BlockSafeConv conv_input;
    private readonly Linear qkv_local_h;
    private readonly Linear qkv_local_v;
    private readonly BlockSafeConv fuse_out;
    private readonly LayerNorm ffn_norm;
    private readonly Mlp ffn;
    private readonly PositionEncoding PEG;
#pragma warning restore IDE1006
    private readonly int _dim;
    private readonly int _heads;

    public IntraStripAttention(int dim, int heads)
        : base("Intra_SA")
    {
        int half = dim / 2;
        attention_norm = LayerNorm(dim);
        conv_input = BlockSafeConv.Conv(dim, dim, 1);
        qkv_local_h = Linear(half, 3 * half);
        qkv_local_v = Linear(half, 3 * half);
        fuse_out = BlockSafeConv.Conv(dim, dim, 1);
        ffn_norm = LayerNorm(dim);
        ffn = new Mlp(dim);
        PEG = new PositionEncoding(dim);
        (_dim, _heads) = (dim, heads);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        long b = input.shape[0], c = input.shape[1], h = input.shape[2], w = input.shape[3];
        using var scope = NewDisposeScope();
        var halves = conv_input.forward(BlockOps.NormaliseChannels(attention_norm, input)).chunk(2, 1);

        var rows = halves[0].permute(0, 2, 3, 1).contiguous().view(b * h, w, c / 2);
        var qkvH = qkv_local_h.forward(rows).chunk(3, 2);
        var horizontal = StripAttention.Apply(qkvH[0], qkvH[1], qkvH[2], _heads).view(b, h, w, c / 2).permute(0, 3, 1, 2);

        var columns = halves[1].permute(0, 3, 2, 1).contiguous().view(b * w, h, c / 2);
        var qkvV = qkv_local_v.forward(columns).chunk(3, 2);
        var vertical = StripAttention.Apply(qkvV[0], qkvV[1], qkvV[2], _heads).view(b, w, h, c / 2).permute(0, 3, 2, 1);

        var x = fuse_out.forward(cat([horizontal, vertical], 1)).Plus(input);
        return BlockOps.FeedForwardAndPosition(x, ffn_norm, ffn, PEG).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public string Emit(GraphOps ops, string input, string prefix) => StripBlockEmitter.Emit(ops, input, prefix, _dim, _heads, inter: false, ffn, PEG);
}
