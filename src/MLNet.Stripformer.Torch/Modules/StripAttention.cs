using MLNet.Stripformer.Torch.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>
/// The attention core of both strip blocks (no parameters): split the last dimension into <c>heads</c> contiguous
/// groups, <c>softmax(q k^T / sqrt(hd)) v</c> per group, merge back. Float32 inputs use libtorch's fused
/// <c>scaled_dot_product_attention</c>; other types compute the softmax in float32 by hand.
/// </summary>
internal static class StripAttention
{
    /// <summary>q, k, v: [N, L, D] → [N, L, D].</summary>
    public static Tensor Apply(Tensor query, Tensor key, Tensor value, int heads)
    {
        long n = query.shape[0], length = query.shape[1], dim = query.shape[2];
        long headDim = dim / heads;
        Tensor Split(Tensor t) => t.view(n, t.shape[1], heads, headDim).permute(0, 2, 1, 3);
        using var scope = NewDisposeScope();
        var q = Split(query);
        var k = Split(key);
        var v = Split(value);
        if (q.dtype == ScalarType.Float32)
        {
            // Same arithmetic (scale 1/sqrt(hd), softmax over the last dimension), fused by libtorch.
            return nn.functional.scaled_dot_product_attention(q, k, v).permute(0, 2, 1, 3).contiguous().view(n, length, dim).MoveToOuterDisposeScope();
        }

        var scores = matmul(q, k.transpose(-1, -2)).to(ScalarType.Float32).DividedBy(Math.Sqrt(headDim));
        var probabilities = nn.functional.softmax(scores, -1).to(v.dtype);
        var context = matmul(probabilities, v).permute(0, 2, 1, 3).contiguous().view(n, length, dim);
        return context.MoveToOuterDisposeScope();
    }
}
