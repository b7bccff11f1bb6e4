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
    public string Get(string name) => Derived(name, () => Raw(name));

    /// <summary>A linear weight [out, in] (or a 1x1 convolution's [out, in, 1, 1]) as the [in, out] right operand
    /// of a <c>MatMul</c>.</summary>
    public string Transposed(string name) => Derived(name + ".T", () => Parameter(name).t());

    /// <summary>A parameter as a float32 CPU tensor, a 1x1 convolution's weight [out, in, 1, 1] flattened to the
    /// matrix [out, in].</summary>
    public Tensor Parameter(string name)
    {
        var value = Raw(name);
        return value.dim() == 4 && value.shape[2] == 1 && value.shape[3] == 1 ? value.reshape(value.shape[0], value.shape[1]) : value;
    }

    /// <summary>A value computed from parameters (call inside a dispose scope), written once under its name.</summary>
    public string Derived(string onnxName, Func<Tensor> compute)
    {
        if (_written.Add(onnxName))
        {
            using var scope = NewDisposeScope();
            var value = compute().contiguous();
            _graph.Initializer(onnxName, value.data<float>().ToArray(), value.shape);
        }

        return onnxName;
    }

    private Tensor Raw(string name) => _state.TryGetValue(name, out var parameter)
        ? parameter.detach().to(ScalarType.Float32).cpu()
        : throw new InvalidOperationException($"The network has no parameter '{name}'.");
}
