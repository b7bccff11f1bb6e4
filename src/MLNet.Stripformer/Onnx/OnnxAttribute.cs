using Google.Protobuf;
using Onnx;

namespace MLNet.Stripformer.Onnx;

/// <summary>A node attribute (an ONNX <c>AttributeProto</c>).</summary>
internal sealed class OnnxAttribute
{
    private OnnxAttribute(AttributeProto proto)
    {
        Proto = proto;
    }

    public AttributeProto Proto { get; }

    public static OnnxAttribute Int(string name, long value) => new(new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    public static OnnxAttribute Float(string name, float value) => new(new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });

    public static OnnxAttribute Text(string name, string value) => new(new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) });

    public static OnnxAttribute Ints(string name, params long[] values) => new(new() { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { values } });

    public static OnnxAttribute Graph(string name, OnnxGraphBuilder graph) => new(new() { Name = name, Type = AttributeProto.Types.AttributeType.Graph, G = graph.ToProto() });
}
