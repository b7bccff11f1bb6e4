namespace MLNet.Stripformer.Onnx;

/// <summary>
/// The parts of an ONNX model that the deblurring wrapper needs, read straight from the protobuf wire format: the
/// opsets, metadata, graph inputs and outputs, and every node and initializer as its encoded bytes (so they can be
/// copied into another graph unchanged).
/// </summary>
internal sealed class OnnxModelReader
{
    private OnnxModelReader()
    {
    }

    public long IrVersion { get; private set; }

    /// <summary>Opset version per domain ("" is the default domain).</summary>
    public Dictionary<string, long> Opsets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public List<ReadOnlyMemory<byte>> Nodes { get; } = [];

    public List<ReadOnlyMemory<byte>> Initializers { get; } = [];

    /// <summary>Every value name the graph uses (node inputs and outputs, initializers, graph inputs).</summary>
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    public List<OnnxValueInfo> Inputs { get; } = [];

    public List<OnnxValueInfo> Outputs { get; } = [];

    /// <summary>Parses a model.</summary>
    /// <param name="model">The file's bytes.</param>
    /// <param name="source">The model's name in error messages (its path).</param>
    /// <exception cref="InvalidDataException">Not a readable ONNX model; the message names <paramref name="source"/>.</exception>
    public static OnnxModelReader Read(ReadOnlyMemory<byte> model, string source)
    {
        var reader = new OnnxModelReader();
        bool hasGraph = false;
        try
        {
            foreach (var field in ProtoReader.Fields(model))
            {
                switch (field.Number)
                {
                    case 1 when !field.IsLengthDelimited: reader.IrVersion = field.Value; break;
                    case 7 when field.IsLengthDelimited: reader.ReadGraph(field.Payload); hasGraph = true; break;
                    case 8 when field.IsLengthDelimited: reader.ReadOpset(field.Payload); break;
                    case 14 when field.IsLengthDelimited: reader.ReadMetadata(field.Payload); break;
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{source}' is not a valid ONNX model: {e.Message}", e);
        }

        if (!hasGraph || reader.IrVersion <= 0 || reader.Nodes.Count == 0)
        {
            throw new InvalidDataException($"'{source}' is not a valid ONNX model: it has no IR version or no graph nodes.");
        }

        return reader;
    }

    private void ReadGraph(ReadOnlyMemory<byte> graph)
    {
        var initializerNames = new HashSet<string>(StringComparer.Ordinal);
        var inputs = new List<OnnxValueInfo>();
        foreach (var field in ProtoReader.Fields(graph))
        {
            switch (field.Number)
            {
                case 1:
                    Nodes.Add(field.Payload);
                    foreach (var nodeField in ProtoReader.Fields(field.Payload).Where(f => f.Number is 1 or 2))
                    {
                        Names.Add(nodeField.Text);
                    }

                    break;
                case 5:
                    Initializers.Add(field.Payload);
                    string name = ProtoReader.Fields(field.Payload).FirstOrDefault(f => f.Number == 8).Text ?? string.Empty;
                    initializerNames.Add(name);
                    Names.Add(name);
                    break;
                case 11: inputs.Add(ReadValueInfo(field.Payload)); break;
                case 12: Outputs.Add(ReadValueInfo(field.Payload)); break;
            }
        }

        // Before IR 4, initializers were also listed as inputs; only the others are fed.
        Inputs.AddRange(inputs.Where(i => !initializerNames.Contains(i.Name)));
        Names.UnionWith(inputs.Select(i => i.Name));
    }

    private void ReadOpset(ReadOnlyMemory<byte> opset)
    {
        string domain = string.Empty;
        long version = 0;
        foreach (var field in ProtoReader.Fields(opset))
        {
            if (field.Number == 1)
            {
                domain = field.Text;
            }
            else if (field.Number == 2)
            {
                version = field.Value;
            }
        }

        Opsets[domain is "ai.onnx" ? string.Empty : domain] = version;
    }

    private void ReadMetadata(ReadOnlyMemory<byte> entry)
    {
        var fields = ProtoReader.Fields(entry).ToList();
        string key = fields.FirstOrDefault(f => f.Number == 1).Text ?? string.Empty;
        Metadata[key] = fields.FirstOrDefault(f => f.Number == 2).Text ?? string.Empty;
    }

    private static OnnxValueInfo ReadValueInfo(ReadOnlyMemory<byte> valueInfo)
    {
        string name = string.Empty;
        int elementType = 0;
        List<long?>? dims = null;
        foreach (var field in ProtoReader.Fields(valueInfo))
        {
            if (field.Number == 1)
            {
                name = field.Text;
            }
            else if (field.Number == 2)
            {
                foreach (var tensorType in ProtoReader.Fields(field.Payload).Where(f => f.Number == 1 && f.IsLengthDelimited))
                {
                    foreach (var part in ProtoReader.Fields(tensorType.Payload))
                    {
                        if (part.Number == 1 && !part.IsLengthDelimited)
                        {
                            elementType = (int)part.Value;
                        }
                        else if (part.Number == 2 && part.IsLengthDelimited)
                        {
                            dims = ProtoReader.Fields(part.Payload).Where(d => d.Number == 1).Select(ReadDimension).ToList();
                        }
                    }
                }
            }
        }

        return new OnnxValueInfo(name, elementType, dims);
    }

    private static long? ReadDimension(ProtoField dimension) =>
        ProtoReader.Fields(dimension.Payload).Where(f => f.Number == 1 && !f.IsLengthDelimited).Select(f => (long?)f.Value).FirstOrDefault();
}
