namespace MLNet.Stripformer.Onnx;

/// <summary>A node attribute, already encoded as an <c>AttributeProto</c>.</summary>
internal sealed class OnnxAttribute
{
    private OnnxAttribute(ProtoWriter proto)
    {
        Proto = proto;
    }

    public ProtoWriter Proto { get; }

    public static OnnxAttribute Int(string name, long value) => new(Named(name, 2).Varint(3, value));

    public static OnnxAttribute Float(string name, float value) => new(Named(name, 1).Float(2, value));

    public static OnnxAttribute Text(string name, string value) => new(Named(name, 3).Text(4, value));

    public static OnnxAttribute Ints(string name, params long[] values) => new(Named(name, 7).PackedVarints(8, values));

    public static OnnxAttribute Graph(string name, OnnxGraphBuilder graph) => new(Named(name, 5).Message(6, graph.ToProto()));

    // AttributeProto: name = 1, type = 20 (FLOAT 1, INT 2, STRING 3, GRAPH 5, INTS 7).
    private static ProtoWriter Named(string name, int type) => new ProtoWriter().Text(1, name).Varint(20, type);
}
