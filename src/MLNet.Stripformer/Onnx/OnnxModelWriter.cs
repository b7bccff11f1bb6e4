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
        // ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, graph = 7, opset_import = 8,
        // metadata_props = 14 (StringStringEntryProto: key = 1, value = 2). OperatorSetIdProto: domain = 1, version = 2.
        var model = new ProtoWriter()
            .Varint(1, irVersion)
            .Text(2, "MLNet.Stripformer")
            .Text(3, ProjectVersion.Current)
            .Message(7, graph.ToProto())
            .Message(8, new ProtoWriter().Text(1, string.Empty).Varint(2, opset));
        foreach (var (domain, version) in otherOpsets ?? new Dictionary<string, long>())
        {
            model.Message(8, new ProtoWriter().Text(1, domain).Varint(2, version));
        }

        foreach (var (key, value) in metadata)
        {
            model.Message(14, new ProtoWriter().Text(1, key).Text(2, value));
        }

        return model.ToArray();
    }
}
