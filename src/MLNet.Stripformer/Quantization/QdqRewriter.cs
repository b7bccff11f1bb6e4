using System.Runtime.InteropServices;
using MLNet.Stripformer.Onnx;
using Onnx;

namespace MLNet.Stripformer.Quantization;

/// <summary>
/// Rewrites a float graph into ONNX's QDQ form, which ONNX Runtime fuses into int8 kernels: each quantized
/// activation passes through <c>QuantizeLinear</c> (uint8, scale and zero point from its calibrated range) and
/// <c>DequantizeLinear</c>; each quantized weight is stored as symmetric int8 per output channel behind a
/// <c>DequantizeLinear</c>; a convolution's bias is stored as int32 at the scale input x weight. Nodes keep their
/// order; values are named <c>int8/...</c>.
/// </summary>
internal sealed class QdqRewriter
{
    private readonly GraphProto _graph;
    private readonly IReadOnlyDictionary<string, ValueRange> _ranges;
    private readonly int _weightMax;
    private readonly Dictionary<string, TensorProto> _initializers;
    private readonly Dictionary<string, string> _dequantized = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float> _activationScale = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, float[] Scales)> _weights = new(StringComparer.Ordinal);
    private readonly List<NodeProto> _nodes = [];

    private QdqRewriter(GraphProto graph, IReadOnlyDictionary<string, ValueRange> ranges, int weightBits)
    {
        _graph = graph;
        _ranges = ranges;
        _weightMax = (1 << (weightBits - 1)) - 1;
        _initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>Rewrites <paramref name="graph"/> in place.</summary>
    /// <param name="graph">The graph the plan was made for.</param>
    /// <param name="plan">What is quantized.</param>
    /// <param name="ranges">Calibrated ranges of <see cref="QuantizationPlan.Calibrated"/>.</param>
    /// <param name="weightBits">7 or 8.</param>
    public static void Apply(GraphProto graph, QuantizationPlan plan, IReadOnlyDictionary<string, ValueRange> ranges, int weightBits) =>
        new QdqRewriter(graph, ranges, weightBits).Rewrite(plan);

    private void Rewrite(QuantizationPlan plan)
    {
        // By reference: protobuf messages compare (and hash) by value, and the loop edits their inputs.
        var convolutions = plan.Convolutions.ToHashSet(ReferenceEqualityComparer.Instance);
        var matMuls = plan.MatMuls.ToHashSet(ReferenceEqualityComparer.Instance);
        var producedQuantized = plan.Convolutions.Select(n => n.Output[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var node in _graph.Node.ToList())
        {
            if (convolutions.Contains(node) || matMuls.Contains(node))
            {
                bool conv = convolutions.Contains(node);
                string input = node.Input[0];
                node.Input[0] = Dequantized(input);
                var (weight, weightScales) = QuantizedWeight(node.Input[1], conv ? 0 : 1);
                node.Input[1] = weight;
                if (conv && node.Input.Count >= 3 && node.Input[2].Length > 0)
                {
                    node.Input[2] = QuantizedBias(node.Input[2], _activationScale[input], weightScales);
                }
            }
            else
            {
                RenameInputs(node, producedQuantized);
            }

            _nodes.Add(node);
            if (convolutions.Contains(node))
            {
                Dequantized(node.Output[0]);
            }
        }

        _graph.Node.Clear();
        _graph.Node.Add(_nodes);
        RemoveUnusedInitializers();
    }

    /// <summary>The name of <paramref name="value"/> after QuantizeLinear and DequantizeLinear, added once.</summary>
    private string Dequantized(string value)
    {
        if (_dequantized.TryGetValue(value, out string? name))
        {
            return name;
        }

        var (scale, zeroPoint) = _ranges[value].ToUInt8();
        string scaleName = AddInitializer($"int8/{value}/scale", OnnxElementType.Float, [], MemoryMarshal.AsBytes(new[] { scale }.AsSpan()));
        string zeroName = AddInitializer($"int8/{value}/zero", OnnxElementType.UInt8, [], [zeroPoint]);
        string quantized = $"int8/{value}/q";
        name = $"int8/{value}/dq";
        _nodes.Add(Node("QuantizeLinear", [value, scaleName, zeroName], quantized));
        _nodes.Add(Node("DequantizeLinear", [quantized, scaleName, zeroName], name));
        _dequantized[value] = name;
        _activationScale[value] = scale;
        return name;
    }

    /// <summary>A weight as int8 per channel along <paramref name="axis"/> behind a DequantizeLinear, and its scales.</summary>
    private (string Name, float[] Scales) QuantizedWeight(string weight, int axis)
    {
        if (_weights.TryGetValue(weight, out var done))
        {
            return done;
        }

        var tensor = _initializers[weight];
        float[] values = tensor.Floats(weight);
        long[] dims = [.. tensor.Dims];
        int channels = (int)dims[axis];
        Func<int, int> channelOf = axis == 0 ? i => i / (values.Length / channels) : i => i % channels;
        var scales = new float[channels];
        for (int i = 0; i < values.Length; i++)
        {
            int c = channelOf(i);
            scales[c] = Math.Max(scales[c], Math.Abs(values[i]));
        }

        for (int c = 0; c < channels; c++)
        {
            scales[c] = scales[c] > 0f ? scales[c] / _weightMax : 1f;
        }

        var quantized = new sbyte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            quantized[i] = (sbyte)Math.Clamp(MathF.Round(values[i] / scales[channelOf(i)]), -_weightMax, _weightMax);
        }

        string data = AddInitializer($"int8/{weight}/q", OnnxElementType.Int8, dims, MemoryMarshal.AsBytes(quantized.AsSpan()));
        string scaleName = AddInitializer($"int8/{weight}/scale", OnnxElementType.Float, [channels], MemoryMarshal.AsBytes(scales.AsSpan()));
        string zeroName = AddInitializer($"int8/{weight}/zero", OnnxElementType.Int8, [channels], new byte[channels]);
        string name = $"int8/{weight}/dq";
        _nodes.Add(Node("DequantizeLinear", [data, scaleName, zeroName], name, axis));
        return _weights[weight] = (name, scales);
    }

    /// <summary>A convolution's bias as int32 at scale input x weight (per channel) behind a DequantizeLinear.</summary>
    private string QuantizedBias(string bias, float inputScale, float[] weightScales)
    {
        float[] values = _initializers[bias].Floats(bias);
        var scales = new float[values.Length];
        var quantized = new int[values.Length];
        for (int c = 0; c < values.Length; c++)
        {
            scales[c] = inputScale * weightScales[c];
            quantized[c] = (int)Math.Clamp(Math.Round(values[c] / (double)scales[c]), int.MinValue, int.MaxValue);
        }

        string prefix = $"int8/{bias}/{_nodes.Count}";
        string data = AddInitializer($"{prefix}/q", OnnxElementType.Int32, [values.Length], MemoryMarshal.AsBytes(quantized.AsSpan()));
        string scaleName = AddInitializer($"{prefix}/scale", OnnxElementType.Float, [values.Length], MemoryMarshal.AsBytes(scales.AsSpan()));
        string zeroName = AddInitializer($"{prefix}/zero", OnnxElementType.Int32, [values.Length], new byte[values.Length * sizeof(int)]);
        string name = $"{prefix}/dq";
        _nodes.Add(Node("DequantizeLinear", [data, scaleName, zeroName], name, 0));
        return name;
    }

    /// <summary>Points every input that reads a quantized convolution's output (in subgraphs too) at its
    /// dequantized twin, so the convolution feeds only its QuantizeLinear, as ONNX Runtime's fusion needs.</summary>
    private void RenameInputs(NodeProto node, IReadOnlySet<string> producedQuantized)
    {
        for (int i = 0; i < node.Input.Count; i++)
        {
            if (producedQuantized.Contains(node.Input[i]))
            {
                node.Input[i] = _dequantized[node.Input[i]];
            }
        }

        foreach (var inner in node.Subgraphs().SelectMany(g => g.Node))
        {
            RenameInputs(inner, producedQuantized);
        }
    }

    private void RemoveUnusedInitializers()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        CollectInputs(_graph, used);
        // Rebuilt, not Remove()d one by one: protobuf messages compare by value, weights included.
        var kept = _graph.Initializer.Where(t => used.Contains(t.Name)).ToList();
        _graph.Initializer.Clear();
        _graph.Initializer.Add(kept);
    }

    private static void CollectInputs(GraphProto graph, HashSet<string> used)
    {
        foreach (var node in graph.Node)
        {
            used.UnionWith(node.Input);
            foreach (var subgraph in node.Subgraphs())
            {
                CollectInputs(subgraph, used);
            }
        }

        used.UnionWith(graph.Output.Select(o => o.Name));
    }

    private string AddInitializer(string name, OnnxElementType type, long[] dims, ReadOnlySpan<byte> raw)
    {
        var tensor = OnnxGraphBuilder.Tensor(name, type, dims, raw);
        _graph.Initializer.Add(tensor);
        _initializers[name] = tensor;
        return name;
    }

    private static NodeProto Node(string opType, string[] inputs, string output, int? axis = null)
    {
        var node = new NodeProto { OpType = opType, Name = output + "_node", Input = { inputs }, Output = { output } };
        if (axis is { } a)
        {
            node.Attribute.Add(OnnxAttribute.Int("axis", a).Proto);
        }

        return node;
    }
}
