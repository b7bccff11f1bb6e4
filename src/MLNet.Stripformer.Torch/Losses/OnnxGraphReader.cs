using System.Buffers.Binary;
using System.Text;

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
        foreach (var (field, graph) in Messages(bytes))
        {
            if (field != 7)
            {
                continue;
            }

            foreach (var (graphField, payload) in Messages(graph))
            {
                if (graphField == 1)
                {
                    nodes.Add(ReadNode(payload));
                }
                else if (graphField == 5)
                {
                    var tensor = ReadTensor(payload);
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
        foreach (var (field, value) in Fields(message))
        {
            switch (field)
            {
                case 1: inputs.Add(Text(value.Bytes)); break;
                case 2: outputs.Add(Text(value.Bytes)); break;
                case 4: op = Text(value.Bytes); break;
                case 5: ReadAttribute(value.Bytes, ints, floats); break;
            }
        }

        return new Node(op, inputs, outputs, ints, floats);
    }

    private static void ReadAttribute(ReadOnlyMemory<byte> message, Dictionary<string, long[]> ints, Dictionary<string, float> floats)
    {
        string name = string.Empty;
        var values = new List<long>();
        float? single = null;
        foreach (var (field, value) in Fields(message))
        {
            switch (field)
            {
                case 1: name = Text(value.Bytes); break;
                case 2: single = BitConverter.Int32BitsToSingle((int)value.Number); break;
                case 3: values.Add(value.Number); break;
                case 8 when value.IsPacked: values.AddRange(Varints(value.Bytes)); break;
                case 8: values.Add(value.Number); break;
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
        foreach (var (field, value) in Fields(message))
        {
            switch (field)
            {
                case 1 when value.IsPacked: dims.AddRange(Varints(value.Bytes)); break;
                case 1: dims.Add(value.Number); break;
                case 4: data = Floats(value.Bytes.Span); break;
                case 8: name = Text(value.Bytes); break;
                case 9: data = Floats(value.Bytes.Span); break;
            }
        }

        return new Initializer(name, dims.ToArray(), data);
    }

    private readonly record struct FieldValue(long Number, ReadOnlyMemory<byte> Bytes, bool IsPacked);

    private static IEnumerable<(int Field, ReadOnlyMemory<byte> Payload)> Messages(ReadOnlyMemory<byte> message) =>
        Fields(message).Where(f => f.Value.IsPacked).Select(f => (f.Field, f.Value.Bytes));

    private static IEnumerable<(int Field, FieldValue Value)> Fields(ReadOnlyMemory<byte> message)
    {
        int position = 0;
        while (position < message.Length)
        {
            ulong key = ReadVarint(message.Span, ref position);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0:
                    yield return (field, new FieldValue((long)ReadVarint(message.Span, ref position), default, false));
                    break;
                case 1:
                    yield return (field, new FieldValue(BinaryPrimitives.ReadInt64LittleEndian(message.Span[position..]), default, false));
                    position += 8;
                    break;
                case 2:
                    int length = checked((int)ReadVarint(message.Span, ref position));
                    yield return (field, new FieldValue(0, message.Slice(position, length), true));
                    position += length;
                    break;
                case 5:
                    yield return (field, new FieldValue(BinaryPrimitives.ReadInt32LittleEndian(message.Span[position..]), default, false));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {wire} in an ONNX file.");
            }
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("Malformed varint in an ONNX file.");
    }

    private static List<long> Varints(ReadOnlyMemory<byte> data)
    {
        var values = new List<long>();
        int position = 0;
        while (position < data.Length)
        {
            values.Add((long)ReadVarint(data.Span, ref position));
        }

        return values;
    }

    private static float[] Floats(ReadOnlySpan<byte> data)
    {
        var values = new float[data.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
        }

        return values;
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
