using Onnx;

namespace MLNet.Stripformer.Quantization;

/// <summary>
/// Which nodes of a float model become int8, and which activations must be calibrated for that: the input of every
/// chosen <c>Conv</c> and <c>MatMul</c> (its weight a constant), and the output of every chosen <c>Conv</c> (ONNX
/// Runtime runs a convolution in int8 only when its output is quantized too; a <c>MatMul</c> without a quantized
/// output runs as <c>MatMulIntegerToFloat</c>). Transposed convolutions, attention products (two activations),
/// normalisation, softmax and activations stay in float.
/// </summary>
internal sealed class QuantizationPlan
{
    private QuantizationPlan(List<NodeProto> convolutions, List<NodeProto> matMuls)
    {
        Convolutions = convolutions;
        MatMuls = matMuls;
        Calibrated = convolutions.SelectMany(n => new[] { n.Input[0], n.Output[0] }).Concat(matMuls.Select(n => n.Input[0])).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The <c>Conv</c> nodes to run in int8 (weights per output channel, int8 input and output).</summary>
    public IReadOnlyList<NodeProto> Convolutions { get; }

    /// <summary>The <c>MatMul</c> nodes to run in int8 (weights per output column, int8 input, float output).</summary>
    public IReadOnlyList<NodeProto> MatMuls { get; }

    /// <summary>The activations whose ranges calibration must measure.</summary>
    public IReadOnlySet<string> Calibrated { get; }

    /// <summary>The plan for a model's main graph.</summary>
    /// <param name="graph">The float model's graph.</param>
    /// <param name="options">Which operator types to quantize.</param>
    /// <param name="source">The model's name in messages.</param>
    /// <exception cref="InvalidDataException">The graph has no float node to quantize, or is already quantized.</exception>
    public static QuantizationPlan For(GraphProto graph, QuantizationOptions options, string source)
    {
        if (graph.Node.Any(n => n.OpType is "QuantizeLinear" or "DequantizeLinear" or "QLinearConv" or "QLinearMatMul" or "MatMulInteger"))
        {
            throw new InvalidDataException($"'{source}' is already quantized; quantize its float32 source instead.");
        }

        var floats = graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var outputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var convolutions = options.QuantizeConvolutions
            ? graph.Node.Where(n => n.OpType == "Conv" && n.Domain.Length == 0 && n.Input.Count >= 2
                && floats.TryGetValue(n.Input[1], out var w) && w.Dims.Count == 4
                && (n.Input.Count < 3 || n.Input[2].Length == 0 || floats.ContainsKey(n.Input[2]))
                && !outputs.Contains(n.Output[0])).ToList()
            : [];
        var matMuls = options.QuantizeMatMuls
            ? graph.Node.Where(n => n.OpType == "MatMul" && n.Domain.Length == 0
                && floats.TryGetValue(n.Input[1], out var w) && w.Dims.Count == 2 && !floats.ContainsKey(n.Input[0])).ToList()
            : [];
        if (convolutions.Count + matMuls.Count == 0)
        {
            throw new InvalidDataException($"'{source}' has no Conv or MatMul with a float32 constant weight: nothing to quantize.");
        }

        return new QuantizationPlan(convolutions, matMuls);
    }
}
