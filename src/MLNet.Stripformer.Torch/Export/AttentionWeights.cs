using MLNet.Stripformer.Torch.Runtime;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Export;

/// <summary>
/// A strip block's projections with their biases folded where the arithmetic allows, so the graph has fewer
/// element-wise adds: <c>conv_input</c>'s bias moves into the q, k, v biases (<c>(y + c) W + b = y W + (c W + b)</c>);
/// k's bias is dropped (it adds the same amount to every score of a query row, which softmax ignores); v's bias
/// passes through attention unchanged (the attention weights of a row sum to 1), so it moves into
/// <c>fuse_out</c>'s bias; and a constant softmax scale is folded into q. Exact in real arithmetic; float results
/// differ from the unfolded graph by rounding only.
/// </summary>
internal sealed class AttentionWeights
{
    private readonly WeightTable _weights;
    private readonly string _prefix;
    private readonly string[] _projections;
    private readonly int _half;
    private readonly double _scale;

    /// <param name="weights">The network's weights.</param>
    /// <param name="prefix">The block's state-dict prefix.</param>
    /// <param name="projections">The q/k/v projection of the horizontal and of the vertical half.</param>
    /// <param name="dim">The block's channels.</param>
    /// <param name="scale">The softmax scale to fold into q (1 when it is computed at run time).</param>
    public AttentionWeights(WeightTable weights, string prefix, string[] projections, int dim, double scale)
    {
        _weights = weights;
        _prefix = prefix;
        _projections = projections;
        _half = dim / 2;
        _scale = scale;
    }

    /// <summary><c>conv_input</c>'s output channels of one half, as a [C, C/2] right operand, no bias.</summary>
    public string Input(int half) => _weights.Derived($"{_prefix}.conv_input.T.{half}", () => Rows("conv_input.weight", half, 2).t());

    /// <summary>The q (0), k (1) or v (2) weight of a half as a [C/2, C/2] right operand (q scaled).</summary>
    public string Projection(int half, int part) => _weights.Derived(
        $"{_prefix}.{_projections[half]}.T.{part}", () => Rows(_projections[half] + ".weight", part, 3).Times(part == 0 ? _scale : 1.0).t());

    /// <summary>q's folded bias (scaled); k and v have none in the graph.</summary>
    public string QueryBias(int half) => _weights.Derived($"{_prefix}.{_projections[half]}.q_bias", () => FoldedBias(half, 0).Times(_scale));

    /// <summary><c>fuse_out</c> as a [C, C] right operand.</summary>
    public string FuseWeight() => _weights.Transposed(_prefix + ".fuse_out.weight");

    /// <summary><c>fuse_out</c>'s bias plus its weight times the v biases of both halves.</summary>
    public string FuseBias() => _weights.Derived($"{_prefix}.fuse_out.folded_bias", () =>
        _weights.Parameter(_prefix + ".fuse_out.bias").Plus(matmul(_weights.Parameter(_prefix + ".fuse_out.weight"), cat([FoldedBias(0, 2), FoldedBias(1, 2)], 0))));

    /// <summary>The bias of q, k or v of a half with conv_input's bias of that half folded in.</summary>
    private Tensor FoldedBias(int half, int part)
    {
        var inputBias = _weights.Parameter(_prefix + ".conv_input.bias").chunk(2, 0)[half];
        var bias = _weights.Parameter($"{_prefix}.{_projections[half]}.bias").chunk(3, 0)[part];
        return bias.Plus(matmul(Rows(_projections[half] + ".weight", part, 3), inputBias));
    }

    private Tensor Rows(string name, int part, int parts) => _weights.Parameter($"{_prefix}.{name}").chunk(parts, 0)[part];
}
