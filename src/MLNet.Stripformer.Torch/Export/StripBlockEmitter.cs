using MLNet.Stripformer.Torch.Modules;

namespace MLNet.Stripformer.Torch.Export;

/// <summary>
/// Emits the intra- and inter-strip attention blocks. Inside a block the pixels are tokens [B, H*W, C] (channels
/// last): LayerNorm, the 1x1 convolutions, the linear layers and the MLP act on the last axis with no transposes. Attention views the tokens as [B, H, W, c] (rows are the natural batch of that layout) and the vertical
/// half is turned to [B, W, H, c] once, before its per-pixel projection, and back once. Heads are channel groups
/// taken with <c>Split</c>, so no 5-D transposes are needed. Only the depthwise position encoding is NCHW.
/// <para><c>Intra_SA</c> attends along each row (horizontal half) and each column (vertical half). In <c>Inter_SA</c>
/// whole rows attend to each other, and whole columns; a token's features are all of its strip's pixels for the
/// head's channel group. The dot products do not depend on the order of those features, so the pixel-major order of
/// [B, H, W, c] serves as well as PyTorch's channel-major one, with no transpose; its softmax scale comes from the
/// runtime feature size.</para>
/// </summary>
internal static class StripBlockEmitter
{
    /// <summary>One block, called by <see cref="IntraStripAttention"/> and <see cref="InterStripAttention"/> with their own sizes and tail modules.</summary>
    public static string Emit(GraphOps ops, string x, string prefix, int dim, int heads, bool inter, IOnnxEmitting ffn, IOnnxEmitting peg)
    {
        var g = ops.Graph;
        long perHead = dim / 2 / heads;
        string image = ops.Transpose(x, 0, 2, 3, 1);
        string dims = g.Op("Shape", [image]);
        string Dim(long i) => g.Op("Slice", [dims, g.Int64s(i), g.Int64s(i + 1)]);
        string b = Dim(0), h = Dim(1), w = Dim(2), rest = g.Int64s(-1);
        string input = ops.Reshape(image, 0, -1, dim);
        string[] projections = inter ? ["conv_h", "conv_v"] : ["qkv_local_h", "qkv_local_v"];
        var weights = new AttentionWeights(ops.Weights, prefix, projections, dim, inter ? 1.0 : 1.0 / Math.Sqrt(perHead));
        string normalised = ops.LayerNorm(input, prefix + ".attention_norm");

        // Tokens [B, N, C/2] of pixels in (outer, inner) order: strips along the inner axis.
        string Attend(string tokens, int half, string outer, string inner)
        {
            string view = inter ? ops.Concat(0, b, outer, rest) : ops.Concat(0, b, outer, inner, rest);
            string q = ops.MatMulAdd(tokens, weights.Projection(half, 0), weights.QueryBias(half));
            string k = ops.MatMulAdd(tokens, weights.Projection(half, 1), null);
            string v = ops.MatMulAdd(tokens, weights.Projection(half, 2), null);
            return ops.MultiHead(q, k, v, heads, runtimeScale: inter, inter ? 3 : 4, t => g.Op("Reshape", [t, view]), t => ops.Reshape(t, 0, -1, perHead));
        }

        string horizontal = Attend(ops.MatMulAdd(normalised, weights.Input(0), null), 0, h, w);
        string vertical = ops.MatMulAdd(normalised, weights.Input(1), null);
        vertical = ops.Reshape(ops.Transpose(g.Op("Reshape", [vertical, ops.Concat(0, b, h, w, rest)]), 0, 2, 1, 3), 0, -1, dim / 2);
        vertical = Attend(vertical, 1, w, h);
        vertical = ops.Reshape(ops.Transpose(g.Op("Reshape", [vertical, ops.Concat(0, b, w, h, rest)]), 0, 2, 1, 3), 0, -1, dim / 2);

        // fuse_out + residual, x + ffn(ffn_norm(x)), then NCHW and the PEG.
        string mixed = ops.Add(ops.MatMulAdd(ops.Concat(-1, horizontal, vertical), weights.FuseWeight(), weights.FuseBias()), input);
        mixed = ops.Add(mixed, ffn.Emit(ops, ops.LayerNorm(mixed, prefix + ".ffn_norm"), prefix + ".ffn"));
        string result = ops.Transpose(g.Op("Reshape", [mixed, ops.Concat(0, b, h, w, rest)]), 0, 3, 1, 2);
        return peg.Emit(ops, result, prefix + ".PEG");
    }
}
