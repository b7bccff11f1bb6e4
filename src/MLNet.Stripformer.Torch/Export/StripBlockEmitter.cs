namespace MLNet.Stripformer.Torch.Export;

/// <summary>
/// Emits the intra- and inter-strip attention blocks. Inside a block the graph works channels-last ([B, H, W, C]):
/// LayerNorm, the 1x1 convolutions and the MLP then act on the last axis with no transposes, and the strips are
/// formed by one reshape and one transpose each (reshapes use 0 = "keep this dimension", so they hold for any
/// height and width). Only the depthwise position encoding goes back to NCHW.
/// </summary>
internal static class StripBlockEmitter
{
    /// <summary><c>Intra_SA</c>: attention along each row (horizontal half) and each column (vertical half).</summary>
    public static string Intra(GraphOps ops, string x, string prefix, int dim, int heads)
    {
        long headDim = dim / 2 / heads;
        string input = ops.Transpose(x, 0, 2, 3, 1);
        string[] halves = ops.Split(ops.Linear(ops.LayerNorm(input, prefix + ".attention_norm"), prefix + ".conv_input"), -1, 2);

        string RowTokens(string s) => ops.Transpose(ops.Reshape(s, 0, 0, 0, heads, headDim), 0, 1, 3, 2, 4);
        string[] h = ops.Split(ops.Linear(halves[0], prefix + ".qkv_local_h"), -1, 3);
        string horizontal = ops.Attention(RowTokens(h[0]), RowTokens(h[1]), RowTokens(h[2]), 5, headDim);
        horizontal = ops.Reshape(ops.Transpose(horizontal, 0, 1, 3, 2, 4), 0, 0, 0, -1);

        string ColumnTokens(string s) => ops.Transpose(ops.Reshape(s, 0, 0, 0, heads, headDim), 0, 2, 3, 1, 4);
        string[] v = ops.Split(ops.Linear(halves[1], prefix + ".qkv_local_v"), -1, 3);
        string vertical = ops.Attention(ColumnTokens(v[0]), ColumnTokens(v[1]), ColumnTokens(v[2]), 5, headDim);
        vertical = ops.Reshape(ops.Transpose(vertical, 0, 3, 1, 2, 4), 0, 0, 0, -1);

        return Tail(ops, input, ops.Concat(-1, horizontal, vertical), prefix, dim);
    }

    /// <summary><c>Inter_SA</c>: whole rows attend to each other (features: channel-major, then width), and whole
    /// columns; the softmax scale comes from the runtime feature size.</summary>
    public static string Inter(GraphOps ops, string x, string prefix, int dim, int heads)
    {
        long perHead = dim / 2 / heads;
        string input = ops.Transpose(x, 0, 2, 3, 1);
        string[] halves = ops.Split(ops.Linear(ops.LayerNorm(input, prefix + ".attention_norm"), prefix + ".conv_input"), -1, 2);

        // [B, H, W, heads, c] -> [B, heads, H, c * W]: a row's features, channel-major as in PyTorch's view.
        string RowTokens(string s) => ops.Reshape(ops.Transpose(ops.Reshape(s, 0, 0, 0, heads, perHead), 0, 3, 1, 4, 2), 0, 0, 0, -1);
        string[] h = ops.Split(ops.Linear(halves[0], prefix + ".conv_h"), -1, 3);
        string horizontal = ops.Attention(RowTokens(h[0]), RowTokens(h[1]), RowTokens(h[2]), 4, null);
        horizontal = ops.Reshape(ops.Transpose(ops.Reshape(horizontal, 0, 0, 0, perHead, -1), 0, 2, 4, 1, 3), 0, 0, 0, -1);

        // [B, H, W, heads, c] -> [B, heads, W, c * H].
        string ColumnTokens(string s) => ops.Reshape(ops.Transpose(ops.Reshape(s, 0, 0, 0, heads, perHead), 0, 3, 2, 4, 1), 0, 0, 0, -1);
        string[] v = ops.Split(ops.Linear(halves[1], prefix + ".conv_v"), -1, 3);
        string vertical = ops.Attention(ColumnTokens(v[0]), ColumnTokens(v[1]), ColumnTokens(v[2]), 4, null);
        vertical = ops.Reshape(ops.Transpose(ops.Reshape(vertical, 0, 0, 0, perHead, -1), 0, 4, 2, 1, 3), 0, 0, 0, -1);

        return Tail(ops, input, ops.Concat(-1, horizontal, vertical), prefix, dim);
    }

    /// <summary>fuse_out + residual, <c>x + ffn(ffn_norm(x))</c>, then back to NCHW and the PEG.</summary>
    private static string Tail(GraphOps ops, string input, string attended, string prefix, int dim)
    {
        string x = ops.Add(ops.Linear(attended, prefix + ".fuse_out"), input);
        string hidden = ops.Graph.Op("Gelu", [ops.Linear(ops.LayerNorm(x, prefix + ".ffn_norm"), prefix + ".ffn.fc1")]);
        string mixed = ops.Add(x, ops.Linear(hidden, prefix + ".ffn.fc2"));
        string image = ops.Transpose(mixed, 0, 3, 1, 2);
        return ops.Add(ops.Conv(image, prefix + ".PEG.PEG", 3, groups: dim), image);
    }
}
