using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>
/// Inter-strip attention (<c>Inter_SA</c>): half the channels attend between whole rows (each token is a row, its
/// features every channel of every pixel in it), the other half between whole columns. The head size is
/// <c>(C/2)*W/heads</c> (rows) or <c>(C/2)*H/heads</c> (columns), so the softmax scale depends on the input size.
/// </summary>
internal sealed class InterStripAttention : Module<Tensor, Tensor>, IOnnxEmitting
{
#pragma warning disable IDE1006 // Field names and order are the PyTorch state_dict's.
    private readonly LayerNorm attention_norm;
    private readonly BlockSafeConv conv_input;
    private readonly BlockSafeConv conv_h;
    private readonly BlockSafeConv conv_v;
    private readonly LayerNorm ffn_norm;
    private readonly Mlp ffn;
    private readonly BlockSafeConv fuse_out;
    private readonly PositionEncoding PEG;
#pragma warning restore IDE1006
    private readonly int _dim;
    private readonly int _heads;

    public InterStripAttention(int dim, int heads)
        : base("Inter_SA")
    {
        int half = dim / 2;
        attention_norm = LayerNorm(dim);
        conv_input = BlockSafeConv.Conv(dim, dim, 1);
        conv_h = BlockSafeConv.Conv(half, 3 * half, 1);
        conv_v = BlockSafeConv.Conv(half, 3 * half, 1);
        ffn_norm = LayerNorm(dim);
        ffn = new Mlp(dim);
        fuse_out = BlockSafeConv.Conv(dim, dim, 1);
        PEG = new PositionEncoding(dim);
        (_dim, _heads) = (dim, heads);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        long b = input.shape[0], c = input.shape[1], h = input.shape[2], w = input.shape[3];
        using var scope = NewDisposeScope();
        var halves = conv_input.forward(BlockOps.NormaliseChannels(attention_norm, input)).chunk(2, 1);

        Tensor Rows(Tensor t) => t.permute(0, 2, 1, 3).contiguous().view(b, h, -1);
        Tensor Columns(Tensor t) => t.permute(0, 3, 1, 2).contiguous().view(b, w, -1);
        var qkvH = conv_h.forward(halves[0]).chunk(3, 1);
        var horizontal = StripAttention.Apply(Rows(qkvH[0]), Rows(qkvH[1]), Rows(qkvH[2]), _heads).view(b, h, c / 2, w).permute(0, 2, 1, 3);
        var qkvV = conv_v.forward(halves[1]).chunk(3, 1);
        var vertical = StripAttention.Apply(Columns(qkvV[0]), Columns(qkvV[1]), Columns(qkvV[2]), _heads).view(b, w, c / 2, h).permute(0, 2, 3, 1);

        var x = fuse_out.forward(cat([horizontal, vertical], 1)).Plus(input);
        return BlockOps.FeedForwardAndPosition(x, ffn_norm, ffn, PEG).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public string Emit(GraphOps ops, string input, string prefix) => StripBlockEmitter.Emit(ops, input, prefix, _dim, _heads, inter: true, ffn, PEG);
}
