using MLNet.Stripformer.Onnx;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Export;

/// <summary>The network's state dict as float32 ONNX initializers, each written once under its PyTorch name (and
/// transposed copies of the weights used by <c>MatMul</c>).</summary>
internal sealed class WeightTable
{
    private readonly OnnxGraphBuilder _graph;
    private readonly Dictionary<string, Tensor> _state;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    public WeightTable(OnnxGraphBuilder graph, Dictionary<string, Tensor> state)
    {
        _graph = graph;
        _state = state;
    }

    /// <summary>The named parameter as stored.</summary>
    public string Get(string name) => Write(name, name, t => t);

    /// <summary>A linear weight [out, in] (or a 1x1 convolution's [out, in, 1, 1]) as the [in, out] right operand
    /// of a <c>MatMul</c>.</summary>
    public string Transposed(string name) => Write(name + ".T", name, t => t.reshape(t.shape[0], t.shape[1]).t());

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> equal groups of output rows of a linear (or
    /// 1x1 convolution) weight, as the [in, out/parts] right operand of a <c>MatMul</c>.</summary>
    public string TransposedPart(string name, int part, int parts) =>
        Write($"{name}.T.{part}", name, t => t.reshape(t.shape[0], t.shape[1]).chunk(parts, 0)[part].t());

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> equal groups of a bias.</summary>
    public string BiasPart(string name, int part, int parts) => Write($"{name}.{part}", name, t => t.chunk(parts, 0)[part]);

    private string Write(string onnxName, string name, Func<Tensor, Tensor> transform)
    {
        if (_written.Add(onnxName))
        {
            if (!_state.TryGetValue(name, out var parameter))
            {
                throw new InvalidOperationException($"The network has no parameter '{name}'.");
            }

            using var scope = NewDisposeScope();
            var value = transform(parameter.detach().to(ScalarType.Float32).cpu()).contiguous();
            _graph.Initializer(onnxName, value.data<float>().ToArray(), value.shape);
        }

        return onnxName;
    }
}
