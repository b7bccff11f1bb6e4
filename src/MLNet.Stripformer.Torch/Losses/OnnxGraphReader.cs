using MLNet.Stripformer.Onnx;

namespace MLNet.Stripformer.Torch.Losses;

/// <summary>
/// Reads the nodes and float initializers of an ONNX model's graph straight from the protobuf wire format (only the
/// fields needed to rebuild a convolutional feature extractor: node inputs, outputs, op type and int/float
/// attributes; tensor names, dims and float data).
/// </summary>
internal static class OnnxGraphReader
{
    public sealed record Node(string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyDictionary<string, long[]> Ints, IReadOnlyDictionary<string, float> Floats);

    public sealed record Initializer(string Name, long[] Dims, float[] Data);

    public static (List<Node> Nodes, Dictionary<string, Initializer> Initializers) Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var nodes = new List<Node>();
        var initializers = new Dictionary<string, Initializer>(StringComparer.Ordinal);
        foreach (var graph in ProtoReader.Fields(bytes).Where(f => f.Number == 7 && f.IsLengthDelimited))
        {
            foreach (var field in ProtoReader.Fields(graph.Payload).Where(f => f.IsLengthDelimited))
            {
                if (field.Number == 1)
                {
                    nodes.Add(ReadNode(field.Payload));
                }
                else if (field.Number == 5)
                {
                    var tensor = ReadTensor(field.Payload);
                    initializers[tensor.Name] = tensor;
                }
            }
        }

        return nodes.Count > 0 ? (nodes, initializers) : throw new InvalidDataException($"'{path}' holds no ONNX graph nodes.");
    }

    private static Node ReadNode(ReadOnlyMemory<byte> message)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string op = string.Empty;
        var ints = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var floats = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var field in ProtoReader.Fields(message))
        {
            switch (field.Number)
            {
                case 1: inputs.Add(field.Text); break;
                case 2: outputs.Add(field.Text); break;
                case 4: op = field.Text; break;
                case 5: ReadAttribute(field.Payload, ints, floats); break;
            }
        }

        return new Node(op, inputs, outputs, ints, floats);
    }

    private static void ReadAttribute(ReadOnlyMemory<byte> message, Dictionary<string, long[]> ints, Dictionary<string, float> floats)
    {
        string name = string.Empty;
        var values = new List<long>();
        float? single = null;
        foreach (var field in ProtoReader.Fields(message))
        {
            switch (field.Number)
            {
                case 1: name = field.Text; break;
                case 2: single = BitConverter.Int32BitsToSingle((int)field.Value); break;
                case 3 or 8: values.AddRange(ProtoReader.Varints(field)); break;
            }
        }

        if (single is { } f)
        {
            floats[name] = f;
        }
        else if (values.Count > 0)
        {
            ints[name] = values.ToArray();
        }
    }

    private static Initializer ReadTensor(ReadOnlyMemory<byte> message)
    {
        var dims = new List<long>();
        string name = string.Empty;
        float[] data = [];
        foreach (var field in ProtoReader.Fields(message))
        {
            switch (field.Number)
            {
                case 1: dims.AddRange(ProtoReader.Varints(field)); break;
                case 4 or 9: data = ProtoReader.Floats(field.Payload.Span); break;
                case 8: name = field.Text; break;
            }
        }

        return new Initializer(name, dims.ToArray(), data);
    }
}
