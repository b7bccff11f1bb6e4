using Google.Protobuf;
using Onnx;

namespace MLNet.Stripformer.Onnx;

/// <summary>Writes an ONNX <c>ModelProto</c> around a graph.</summary>
internal static class OnnxModelWriter
{
    /// <summary>IR version 9 (ONNX 1.15): what opset 20 needs; ONNX Runtime 1.31 reads up to IR 11.</summary>
    public const long IrVersion = 9;

    /// <summary>Opset 20: LayerNormalization (17) and the fused Gelu (20).</summary>
    public const long Opset = 20;

    /// <summary>The model's bytes.</summary>
    /// <param name="graph">The main graph.</param>
    /// <param name="metadata">Key/value pairs stored as <c>metadata_props</c>.</param>
    /// <param name="opset">The default-domain opset the graph uses.</param>
    /// <param name="otherOpsets">Opsets of other domains the graph's nodes use (e.g. <c>com.microsoft</c>).</param>
    /// <param name="irVersion">The IR version.</param>
    public static byte[] Write(
        OnnxGraphBuilder graph, IReadOnlyDictionary<string, string> metadata, long opset = Opset, IReadOnlyDictionary<string, long>? otherOpsets = null, long irVersion = IrVersion)
    {
        var model = new ModelProto
        {
            IrVersion = irVersion,
            ProducerName = "MLNet.Stripformer",
            ProducerVersion = ProjectVersion.Current,
            Graph = graph.ToProto(),
            OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = opset } },
        };
        foreach (var (domain, version) in otherOpsets ?? new Dictionary<string, long>())
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        }

        foreach (var (key, value) in metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model.ToByteArray();
    }
}
