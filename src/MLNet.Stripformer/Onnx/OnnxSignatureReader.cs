using Google.Protobuf;
using Google.Protobuf.Reflection;
using Onnx;

namespace MLNet.Stripformer.Onnx;

/// <summary>
/// Reads only a model's graph inputs and outputs. It walks the protobuf wire format with Google.Protobuf's
/// <see cref="CodedInputStream"/>, parses the inputs and outputs with OnnxSharp's generated <see cref="ValueInfoProto"/>
/// and skips the rest (nodes and weights), where <see cref="OnnxModelReader"/> parses the whole model and copies every
/// weight: 0.9 s for a 79 MB model on a 2-vCPU VM, spent before a scoring session that parses the file again anyway.
/// </summary>
internal static class OnnxSignatureReader
{
    /// <summary>The graph's inputs (initializers excluded, as old IR versions also list them) and outputs.</summary>
    /// <param name="input">The model's bytes, or a stream over its file.</param>
    /// <param name="length">The model's size in bytes.</param>
    /// <param name="source">The model's name in messages (its path).</param>
    /// <exception cref="InvalidDataException">Not an ONNX model; the message names <paramref name="source"/>.</exception>
    public static (List<OnnxValueInfo> Inputs, List<OnnxValueInfo> Outputs) Read(CodedInputStream input, long length, string source)
    {
        var model = new ModelFields();
        try
        {
            model.MergeFrom(input);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{source}' is not a valid ONNX model: {e.Message}", e);
        }

        OnnxModelReader.CheckIsModel(length, model.IrVersion, model.Graph?.Nodes ?? 0, source);
        var graph = model.Graph!;
        return (
            graph.Inputs.Where(i => !graph.Initializers.Contains(i.Name)).Select(OnnxModelReader.Describe).ToList(),
            graph.Outputs.Select(OnnxModelReader.Describe).ToList());
    }

    /// <summary>A message read field by field: the subclasses keep the fields they need and skip the others.</summary>
    private abstract class FieldReader : IMessage
    {
        MessageDescriptor IMessage.Descriptor => throw new NotSupportedException();

        public void MergeFrom(CodedInputStream input)
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (!Read(WireFormat.GetTagFieldNumber(tag), WireFormat.GetTagWireType(tag), input))
                {
                    input.SkipLastField();
                }
            }
        }

        void IMessage.WriteTo(CodedOutputStream output) => throw new NotSupportedException();

        int IMessage.CalculateSize() => throw new NotSupportedException();

        /// <summary>Reads the field just tagged and returns true, or returns false to skip it.</summary>
        protected abstract bool Read(int field, WireFormat.WireType type, CodedInputStream input);
    }

    /// <summary><c>ModelProto</c>: <c>ir_version</c> (1) and <c>graph</c> (7).</summary>
    private sealed class ModelFields : FieldReader
    {
        public long IrVersion { get; private set; }

        public GraphFields? Graph { get; private set; }

        protected override bool Read(int field, WireFormat.WireType type, CodedInputStream input)
        {
            switch (field, type)
            {
                case (1, WireFormat.WireType.Varint):
                    IrVersion = input.ReadInt64();
                    return true;
                case (7, WireFormat.WireType.LengthDelimited):
                    Graph ??= new GraphFields();
                    input.ReadMessage(Graph);
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary><c>GraphProto</c>: nodes (1, counted), initializer names (5), inputs (11) and outputs (12).</summary>
    private sealed class GraphFields : FieldReader
    {
        public int Nodes { get; private set; }

        public HashSet<string> Initializers { get; } = new(StringComparer.Ordinal);

        public List<ValueInfoProto> Inputs { get; } = [];

        public List<ValueInfoProto> Outputs { get; } = [];

        protected override bool Read(int field, WireFormat.WireType type, CodedInputStream input)
        {
            switch (field, type)
            {
                case (1, WireFormat.WireType.LengthDelimited):
                    Nodes++;
                    return false;
                case (5, WireFormat.WireType.LengthDelimited):
                    var tensor = new TensorName();
                    input.ReadMessage(tensor);
                    Initializers.Add(tensor.Name);
                    return true;
                case (11 or 12, WireFormat.WireType.LengthDelimited):
                    var value = new ValueInfoProto();
                    input.ReadMessage(value);
                    (field == 11 ? Inputs : Outputs).Add(value);
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary><c>TensorProto</c>: its name (8) only; the data is skipped.</summary>
    private sealed class TensorName : FieldReader
    {
        public string Name { get; private set; } = string.Empty;

        protected override bool Read(int field, WireFormat.WireType type, CodedInputStream input)
        {
            if (field == 8 && type == WireFormat.WireType.LengthDelimited)
            {
                Name = input.ReadString();
                return true;
            }

            return false;
        }
    }
}
