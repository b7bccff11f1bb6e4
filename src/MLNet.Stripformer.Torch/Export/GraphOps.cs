using MLNet.Stripformer.Onnx;
using static MLNet.Stripformer.Onnx.OnnxAttribute;

namespace MLNet.Stripformer.Torch.Export;

/// <summary>The ONNX spelling of the network's layers (convolutions, linear layers, normalisation, attention),
/// emitted into one graph.</summary>
internal sealed class GraphOps
{
    public GraphOps(OnnxGraphBuilder graph, WeightTable weights)
    {
        Graph = graph;
        Weights = weights;
    }

    public OnnxGraphBuilder Graph { get; }

    public WeightTable Weights { get; }

    /// <summary>Conv2d with PyTorch's weight [out, in/groups, k, k] and bias, on NCHW.</summary>
    public string Conv(string x, string prefix, long kernel, long stride, long padding, long groups) => Graph.Op(
        "Conv",
        [x, Weights.Get(prefix + ".weight"), Weights.Get(prefix + ".bias")],
        Ints("kernel_shape", kernel, kernel),
        Ints("strides", stride, stride),
        Ints("pads", padding, padding, padding, padding),
        Int("group", groups));

    /// <summary>ConvTranspose2d with PyTorch's weight [in, out, k, k] and bias, on NCHW.</summary>
    public string ConvTranspose(string x, string prefix, long kernel, long stride, long padding) => Graph.Op(
        "ConvTranspose",
        [x, Weights.Get(prefix + ".weight"), Weights.Get(prefix + ".bias")],
        Ints("kernel_shape", kernel, kernel),
        Ints("strides", stride, stride),
        Ints("pads", padding, padding, padding, padding));

    /// <summary>A linear layer (or 1x1 convolution) on tokens [B, N, C]: <c>MatMul</c> by the transposed weight, then
    /// the bias. (ONNX Runtime's <c>MatMul</c> pre-packs the constant weight and ran these shapes about a third faster
    /// than <c>Gemm</c> with <c>transB</c>; a 3-D input keeps the pair from being re-fused into a <c>Gemm</c>.)</summary>
    public string Linear(string x, string prefix) => MatMulAdd(x, Weights.Transposed(prefix + ".weight"), Weights.Get(prefix + ".bias"));

    /// <summary><c>x W + b</c> with a [in, out] weight and a bias already written as initializers.</summary>
    public string MatMulAdd(string x, string weight, string? bias)
    {
        string product = Graph.Op("MatMul", [x, weight]);
        return bias is null ? product : Add(product, bias);
    }

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

    /// <summary>
    /// Multi-head <c>softmax(q k^T * scale) v</c> over tokens [..., L, F]: each head takes a contiguous group of the
    /// last axis (a channel group), its features reshaped to <paramref name="rank"/>-D [..., L, d] by
    /// <paramref name="features"/> and the result put back by <paramref name="back"/>. With
    /// <paramref name="runtimeScale"/> the scale <c>1/sqrt(d)</c> is read from the runtime shape; otherwise it is
    /// already folded into q. The product q k^T is written with a transposed k, which ONNX Runtime folds into one
    /// matrix multiply.
    /// </summary>
    public string MultiHead(string q, string k, string v, int heads, bool runtimeScale, int rank, Func<string, string> features, Func<string, string> back)
    {
        string[] Heads(string x) => heads == 1 ? [x] : Split(x, -1, heads);
        string[] qs = Heads(q), ks = Heads(k), vs = Heads(v);
        var outputs = new string[heads];
        for (int i = 0; i < heads; i++)
        {
            string qh = features(qs[i]), kh = features(ks[i]), vh = features(vs[i]);
            if (runtimeScale)
            {
                string d = Graph.Op("Cast", [Graph.Op("Shape", [qh], Int("start", -1))], Int("to", (long)OnnxElementType.Float));
                qh = Graph.Op("Mul", [qh, Graph.Op("Reciprocal", [Graph.Op("Sqrt", [d])])]);
            }

            string scores = Graph.Op("MatMul", [qh, Transpose(kh, [.. Enumerable.Range(0, rank - 2).Select(a => (long)a), rank - 1, rank - 2])]);
            outputs[i] = back(Graph.Op("MatMul", [Graph.Op("Softmax", [scores], Int("axis", -1)), vh]));
        }

        return heads == 1 ? outputs[0] : Concat(-1, outputs);
    }
}
