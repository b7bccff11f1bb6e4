using System.Globalization;
using System.Runtime.InteropServices;

namespace MLNet.Stripformer.Onnx;

/// <summary>
/// Builds an ONNX <c>GraphProto</c>: nodes in topological order, float and int64 initializers, typed inputs and
/// outputs. Values it names get the builder's prefix, so a subgraph's names never shadow its parent's.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly string _name;
    private readonly string _prefix;
    private readonly List<ReadOnlyMemory<byte>> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly List<ReadOnlyMemory<byte>> _rawInitializers = [];
    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);
    private int _counter;

    /// <summary>Starts an empty graph.</summary>
    /// <param name="name">The graph's name.</param>
    /// <param name="prefix">Prefix of every value name this builder makes up.</param>
    public OnnxGraphBuilder(string name, string prefix)
    {
        _name = name;
        _prefix = prefix;
    }

    /// <summary>A fresh value name.</summary>
    public string NewName(string hint) => string.Create(CultureInfo.InvariantCulture, $"{_prefix}{hint}_{_counter++}");

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Op(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        string output = NewName(opType);
        Node(opType, inputs, [output], attributes);
        return output;
    }

    /// <summary>Adds a node with several outputs and returns their names.</summary>
    public string[] Ops(string opType, IReadOnlyList<string> inputs, int outputs, params OnnxAttribute[] attributes)
    {
        string[] names = Enumerable.Range(0, outputs).Select(_ => NewName(opType)).ToArray();
        Node(opType, inputs, names, attributes);
        return names;
    }

    /// <summary>Adds a node with the given output names.</summary>
    public void Node(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.Text(1, input);
        }

        foreach (string output in outputs)
        {
            node.Text(2, output);
        }

        node.Text(3, NewName(opType + "_node")).Text(4, opType);
        foreach (var attribute in attributes)
        {
            node.Message(5, attribute.Proto);
        }

        _nodes.Add(node.ToArray());
    }

    /// <summary>Copies an already encoded <c>NodeProto</c> (from another model) into this graph, after the nodes
    /// added so far.</summary>
    public void RawNode(ReadOnlyMemory<byte> nodeProto) => _nodes.Add(nodeProto);

    /// <summary>Copies an already encoded <c>TensorProto</c> initializer into this graph.</summary>
    public void RawInitializer(ReadOnlyMemory<byte> tensorProto) => _rawInitializers.Add(tensorProto);

    /// <summary>A float initializer with the given name and shape.</summary>
    public string Initializer(string name, ReadOnlySpan<float> data, IReadOnlyList<long> dims)
    {
        _initializers.Add(Tensor(name, OnnxElementType.Float, dims, MemoryMarshal.AsBytes(data)));
        return name;
    }

    /// <summary>A 1-D int64 constant (shared by equal values).</summary>
    public string Int64s(params long[] values) => Constant(
        "i64:" + string.Join(',', values),
        name => Tensor(name, OnnxElementType.Int64, [values.Length], MemoryMarshal.AsBytes(values.AsSpan())));

    /// <summary>A scalar int64 constant.</summary>
    public string Int64Scalar(long value) => Constant(
        "i64s:" + value.ToString(CultureInfo.InvariantCulture),
        name => Tensor(name, OnnxElementType.Int64, [], MemoryMarshal.AsBytes(new[] { value }.AsSpan())));

    /// <summary>A scalar float constant.</summary>
    public string FloatScalar(float value) => Constant(
        "f32:" + value.ToString("R", CultureInfo.InvariantCulture),
        name => Tensor(name, OnnxElementType.Float, [], MemoryMarshal.AsBytes(new[] { value }.AsSpan())));

    /// <summary>A scalar boolean constant.</summary>
    public string BoolScalar(bool value) => Constant(
        value ? "b:1" : "b:0",
        name => Tensor(name, OnnxElementType.Bool, [], [value ? (byte)1 : (byte)0]));

    /// <summary>Declares a graph input; a dimension is a number or a symbolic name, a null shape leaves the rank
    /// open.</summary>
    public void Input(string name, OnnxElementType type, params object[]? dims) => _inputs.Add(ValueInfo(name, type, dims));

    /// <summary>Declares a graph output (see <see cref="Input"/>).</summary>
    public void Output(string name, OnnxElementType type, params object[]? dims) => _outputs.Add(ValueInfo(name, type, dims));

    /// <summary>The encoded <c>GraphProto</c>.</summary>
    public ProtoWriter ToProto()
    {
        // GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12.
        var graph = new ProtoWriter();
        foreach (var node in _nodes)
        {
            graph.Bytes(1, node.Span);
        }

        graph.Text(2, _name);
        foreach (var initializer in _initializers)
        {
            graph.Message(5, initializer);
        }

        foreach (var initializer in _rawInitializers)
        {
            graph.Bytes(5, initializer.Span);
        }

        foreach (var input in _inputs)
        {
            graph.Message(11, input);
        }

        foreach (var output in _outputs)
        {
            graph.Message(12, output);
        }

        return graph;
    }

    private string Constant(string key, Func<string, ProtoWriter> make)
    {
        if (!_constants.TryGetValue(key, out string? name))
        {
            name = NewName("const");
            _initializers.Add(make(name));
            _constants[key] = name;
        }

        return name;
    }

    private static ProtoWriter Tensor(string name, OnnxElementType type, IReadOnlyList<long> dims, ReadOnlySpan<byte> raw)
    {
        // TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian, as .NET writes on x64/arm64).
        var tensor = new ProtoWriter().PackedVarints(1, dims).Varint(2, (long)type).Text(8, name);
        return tensor.Bytes(9, raw);
    }

    private static ProtoWriter ValueInfo(string name, OnnxElementType type, object[]? dims)
    {
        // ValueInfoProto: name = 1, type = 2; TypeProto.tensor_type = 1; Tensor: elem_type = 1, shape = 2;
        // TensorShapeProto.dim = 1; Dimension: dim_value = 1, dim_param = 2.
        var tensorType = new ProtoWriter().Varint(1, (long)type);
        if (dims is not null)
        {
            var shape = new ProtoWriter();
            foreach (object dim in dims)
            {
                var dimension = dim switch
                {
                    string symbol => new ProtoWriter().Text(2, symbol),
                    _ => new ProtoWriter().Varint(1, Convert.ToInt64(dim, CultureInfo.InvariantCulture)),
                };
                shape.Message(1, dimension);
            }

            tensorType.Message(2, shape);
        }

        return new ProtoWriter().Text(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
