using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace MLNet.Stripformer.Onnx;

/// <summary>Writes one protobuf message in the wire format (the subset ONNX files use: varints, 32-bit floats and
/// length-delimited fields).</summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public ProtoWriter Varint(int field, long value)
    {
        Key(field, 0);
        RawVarint((ulong)value);
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Key(field, 5);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, 2);
        RawVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtoWriter Text(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.Written);

    /// <summary>A repeated int64 field, packed.</summary>
    public ProtoWriter PackedVarints(int field, IEnumerable<long> values)
    {
        var packed = new ProtoWriter();
        foreach (long value in values)
        {
            packed.RawVarint((ulong)value);
        }

        return Bytes(field, packed.Written);
    }

    /// <summary>A repeated float field, packed.</summary>
    public ProtoWriter PackedFloats(int field, IEnumerable<float> values)
    {
        var packed = new ProtoWriter();
        foreach (float value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(packed._buffer.GetSpan(4), value);
            packed._buffer.Advance(4);
        }

        return Bytes(field, packed.Written);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void Key(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong value)
    {
        Span<byte> span = _buffer.GetSpan(10);
        int length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        _buffer.Advance(length);
    }
}
