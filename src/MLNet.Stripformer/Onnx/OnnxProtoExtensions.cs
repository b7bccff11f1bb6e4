using System.Runtime.InteropServices;
using Onnx;

namespace MLNet.Stripformer.Onnx;

/// <summary>Reading node attributes and float tensors of a parsed ONNX model.</summary>
internal static class OnnxProtoExtensions
{
    /// <summary>An integer or integer-list attribute, or null when the node has none of that name.</summary>
    public static long[]? Ints(this NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute
            ? attribute.Type == AttributeProto.Types.AttributeType.Int ? [attribute.I] : [.. attribute.Ints]
            : null;

    /// <summary>The graphs a node holds in its attributes (the branches of an <c>If</c>, the body of a <c>Loop</c>).</summary>
    public static IEnumerable<GraphProto> Subgraphs(this NodeProto node) =>
        node.Attribute.SelectMany(a => a.G is null ? a.Graphs : a.Graphs.Append(a.G));

    /// <summary>A float attribute, or <paramref name="fallback"/>.</summary>
    public static float Float(this NodeProto node, string name, float fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name && a.Type == AttributeProto.Types.AttributeType.Float)?.F ?? fallback;

    /// <summary>A float32 tensor's values (raw little-endian data or the repeated field).</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="source">The model, for the message.</param>
    /// <exception cref="InvalidDataException">The tensor is not float32.</exception>
    public static float[] Floats(this TensorProto tensor, string source)
    {
        if (tensor.DataType != (int)OnnxElementType.Float)
        {
            throw new InvalidDataException($"'{source}': tensor '{tensor.Name}' has element type {tensor.DataType}; float32 (1) is needed here.");
        }

        return tensor.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : [.. tensor.FloatData];
    }
}
