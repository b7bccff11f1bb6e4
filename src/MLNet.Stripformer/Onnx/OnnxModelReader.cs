using Google.Protobuf;
using Onnx;

namespace MLNet.Stripformer.Onnx;

/// <summary>
/// An ONNX model as the library needs it: parsed by the ONNX protobuf classes (OnnxSharp), with its opsets,
/// metadata, graph inputs and outputs, and its nodes and initializers (of any element type) ready to be copied into
/// another graph. Models whose weights live in external data files are refused, naming the file.
/// </summary>
internal sealed class OnnxModelReader
{
    private OnnxModelReader(ModelProto model)
    {
        Model = model;
        var graph = model.Graph;
        var initializerNames = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var opset in model.OpsetImport)
        {
            Opsets[opset.Domain is "ai.onnx" ? string.Empty : opset.Domain] = opset.Version;
        }

        foreach (var entry in model.MetadataProps)
        {
            Metadata[entry.Key] = entry.Value;
        }

        // Before IR 4, initializers were also listed as inputs; only the others are fed.
        Inputs = graph.Input.Where(i => !initializerNames.Contains(i.Name)).Select(Describe).ToList();
        Outputs = graph.Output.Select(Describe).ToList();
        Names = graph.Node.SelectMany(n => n.Input.Concat(n.Output)).Concat(initializerNames).Concat(graph.Input.Select(i => i.Name)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The parsed model.</summary>
    public ModelProto Model { get; }

    public long IrVersion => Model.IrVersion;

    /// <summary>Opset version per domain ("" is the default domain).</summary>
    public Dictionary<string, long> Opsets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<NodeProto> Nodes => Model.Graph.Node;

    public IReadOnlyList<TensorProto> Initializers => Model.Graph.Initializer;

    /// <summary>Every value name the graph uses (node inputs and outputs, initializers, graph inputs).</summary>
    public HashSet<string> Names { get; }

    public List<OnnxValueInfo> Inputs { get; }

    public List<OnnxValueInfo> Outputs { get; }

    /// <summary>Parses a model.</summary>
    /// <param name="model">The file's bytes.</param>
    /// <param name="source">The model's name in error messages (its path).</param>
    /// <exception cref="InvalidDataException">Not a readable ONNX model, or one with external data; the message names
    /// <paramref name="source"/>.</exception>
    public static OnnxModelReader Read(ReadOnlyMemory<byte> model, string source)
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{source}' is not a valid ONNX model: {e.Message}", e);
        }

        CheckIsModel(model.Length, proto.IrVersion, proto.Graph?.Node.Count ?? 0, source); // a graph from here on

        var external = proto.Graph!.Initializer.FirstOrDefault(t => t.DataLocation == TensorProto.Types.DataLocation.External || t.ExternalData.Count > 0);
        if (external is not null)
        {
            throw new InvalidDataException(
                $"'{source}' keeps its weights in external data files (tensor '{external.Name}'), which a model inside an ML.NET pipeline cannot carry; " +
                "save it as one file first (Python: onnx.save_model(onnx.load(path), out_path, save_as_external_data=False)).");
        }

        return new OnnxModelReader(proto);
    }

    /// <summary>The one check that parsed bytes are a model: not empty, with an IR version and graph nodes.</summary>
    /// <exception cref="InvalidDataException">They are not; the message names <paramref name="source"/>.</exception>
    internal static void CheckIsModel(long length, long irVersion, int nodes, string source)
    {
        if (length == 0)
        {
            throw new InvalidDataException($"'{source}' is empty: not an ONNX model.");
        }

        if (irVersion <= 0 || nodes == 0)
        {
            throw new InvalidDataException($"'{source}' is not a valid ONNX model: it has no IR version or no graph nodes.");
        }
    }

    /// <summary>A graph input or output as <see cref="OnnxValueInfo"/>.</summary>
    internal static OnnxValueInfo Describe(ValueInfoProto value)
    {
        var tensor = value.Type?.TensorType;
        var dims = tensor?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : (long?)null).ToList();
        var symbols = tensor?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam && d.DimParam.Length > 0 ? d.DimParam : null).ToList();
        return new OnnxValueInfo(value.Name, tensor?.ElemType ?? 0, dims, symbols);
    }
}
