using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace MLNet.Stripformer.Onnx;

/// <summary>
/// Builds an ONNX <c>GraphProto</c>: nodes in topological order, float and int64 initializers, typed inputs and
/// outputs. Values it names get the builder's prefix, so a subgraph's names never shadow its parent's.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph;
    private readonly string _prefix;
    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);
    private int _counter;

    /// <summary>Starts an empty graph.</summary>
    /// <param name="name">The graph's name.</param>
    /// <param name="prefix">Prefix of every value name this builder makes up.</param>
    public OnnxGraphBuilder(string name, string prefix)
    {
        _graph = new GraphProto { Name = name };
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
    public void Node(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes) =>
        _graph.Node.Add(new NodeProto
        {
            Input = { inputs },
            Output = { outputs },
            Name = NewName(opType + "_node"),
            OpType = opType,
            Attribute = { attributes.Select(a => a.Proto) },
        });

    /// <summary>Copies a node of another model into this graph, after the nodes added so far.</summary>
    public void CopyNode(NodeProto node) => _graph.Node.Add(node.Clone());

    /// <summary>Copies an initializer of another model (any element type) into this graph.</summary>
    public void CopyInitializer(TensorProto initializer) => _graph.Initializer.Add(initializer.Clone());

    /// <summary>A float initializer with the given name and shape.</summary>
    public string Initializer(string name, ReadOnlySpan<float> data, IReadOnlyList<long> dims)
    {
        _graph.Initializer.Add(Tensor(name, OnnxElementType.Float, dims, MemoryMarshal.AsBytes(data)));
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
    public void Input(string name, OnnxElementType type, params object[]? dims) => _graph.Input.Add(ValueInfo(name, type, dims));

    /// <summary>Declares a graph output (see <see cref="Input"/>).</summary>
    public void Output(string name, OnnxElementType type, params object[]? dims) => _graph.Output.Add(ValueInfo(name, type, dims));

    /// <summary>The <c>GraphProto</c> (a copy: the builder can go on).</summary>
    public GraphProto ToProto() => _graph.Clone();

    private string Constant(string key, Func<string, TensorProto> make)
    {
        if (!_constants.TryGetValue(key, out string? name))
        {
            name = NewName("const");
            _graph.Initializer.Add(make(name));
            _constants[key] = name;
        }

        return name;
    }

    /// <summary>A tensor with little-endian raw data (as .NET writes on x64 and arm64).</summary>
    internal static TensorProto Tensor(string name, OnnxElementType type, IReadOnlyList<long> dims, ReadOnlySpan<byte> raw) =>
        new() { Name = name, DataType = (int)type, Dims = { dims }, RawData = ByteString.CopyFrom(raw) };

    /// <summary>A typed value declaration; a dimension is a number or a symbolic name, null dims leave the rank open.</summary>
    internal static ValueInfoProto ValueInfo(string name, OnnxElementType type, object[]? dims)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)type };
        if (dims is not null)
        {
            tensorType.Shape = new TensorShapeProto();
            foreach (object dim in dims)
            {
                tensorType.Shape.Dim.Add(dim is string symbol
                    ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                    : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, CultureInfo.InvariantCulture) });
            }
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
