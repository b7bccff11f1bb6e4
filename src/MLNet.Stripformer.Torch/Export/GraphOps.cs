using MLNet.Stripformer.Onnx;
using static MLNet.Stripformer.Onnx.OnnxAttribute;

namespace MLNet.Stripformer.Torch.Export;

/// <summary>The ONNX spelling of the network's layers (convolutions, linear layers, normalisation, attention),
/// emitted into one graph.</summary>
internal sealed class GraphOps
{
    public const float Slope = 0.2f;

    public GraphOps(OnnxGraphBuilder graph, WeightTable weights)
    {
        Graph = graph;
        Weights = weights;
    }

    public OnnxGraphBuilder Graph { get; }

    public WeightTable Weights { get; }

    /// <summary>Conv2d with PyTorch's weight [out, in/groups, k, k] and bias, on NCHW.</summary>
    public string Conv(string x, string prefix, long kernel, long stride = 1, long groups = 1) => Graph.Op(
        "Conv",
        [x, Weights.Get(prefix + ".weight"), Weights.Get(prefix + ".bias")],
        Ints("kernel_shape", kernel, kernel),
        Ints("strides", stride, stride),
        Ints("pads", kernel / 2, kernel / 2, kernel / 2, kernel / 2),
        Int("group", groups));

    /// <summary>ConvTranspose2d 4x4, stride 2, padding 1 (weights [in, out, 4, 4] as in PyTorch).</summary>
    public string UpConv(string x, string prefix) => Graph.Op(
        "ConvTranspose",
        [x, Weights.Get(prefix + ".weight"), Weights.Get(prefix + ".bias")],
        Ints("kernel_shape", 4, 4),
        Ints("strides", 2, 2),
        Ints("pads", 1, 1, 1, 1));

    public string LeakyRelu(string x) => Graph.Op("LeakyRelu", [x], Float("alpha", Slope));

    /// <summary>A linear layer (or 1x1 convolution) on the last axis: <c>x W^T + b</c>.</summary>
    public string Linear(string x, string prefix) =>
        Add(Graph.Op("MatMul", [x, Weights.Transposed(prefix + ".weight")]), Weights.Get(prefix + ".bias"));

    /// <summary>LayerNorm over the last axis, epsilon 1e-5.</summary>
    public string LayerNorm(string x, string prefix) => Graph.Op(
        "LayerNormalization",
        [x, Weights.Get(prefix + ".weight"), Weights.Get(prefix + ".bias")],
        Int("axis", -1),
        Float("epsilon", 1e-5f));

    public string Add(string a, string b) => Graph.Op("Add", [a, b]);

    public string Transpose(string x, params long[] perm) => Graph.Op("Transpose", [x], Ints("perm", perm));

    public string Reshape(string x, params long[] shape) => Graph.Op("Reshape", [x, Graph.Int64s(shape)]);

    public string Concat(long axis, params string[] parts) => Graph.Op("Concat", parts, Int("axis", axis));

    public string[] Split(string x, long axis, int parts) => Graph.Ops("Split", [x], parts, Int("axis", axis), Int("num_outputs", parts));

    /// <summary><c>softmax(q k^T * scale) v</c> over the last two axes of q, k, v ([..., L, D]); the scale is
    /// <c>1/sqrt(D)</c> read from q's runtime shape, or the given constant.</summary>
    public string Attention(string q, string k, string v, int rank, long? headDim)
    {
        string scale = headDim is { } d
            ? Graph.FloatScalar((float)(1.0 / Math.Sqrt(d)))
            : Graph.Op("Reciprocal", [Graph.Op("Sqrt", [Graph.Op("Cast", [Graph.Op("Shape", [q], Int("start", -1))], Int("to", (long)OnnxElementType.Float))])]);
        long[] swapLast = [.. Enumerable.Range(0, rank - 2).Select(i => (long)i), rank - 1, rank - 2];
        string scores = Graph.Op("MatMul", [Graph.Op("Mul", [q, scale]), Transpose(k, swapLast)]);
        return Graph.Op("MatMul", [Graph.Op("Softmax", [scores], Int("axis", -1)), v]);
    }
}
