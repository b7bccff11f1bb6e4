using System.Buffers.Binary;
using System.Text;

namespace MLNet.Stripformer.Onnx;

/// <summary>One field of a protobuf message: its number and either a number (varint or fixed) or a payload
/// (length-delimited).</summary>
internal readonly record struct ProtoField(int Number, long Value, ReadOnlyMemory<byte> Payload, bool IsLengthDelimited)
{
    public string Text => Encoding.UTF8.GetString(Payload.Span);
}

/// <summary>Reads protobuf messages in the wire format, checking every length against the bytes present.</summary>
internal static class ProtoReader
{
    /// <summary>The fields of a message, in file order.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed protobuf message.</exception>
    public static IEnumerable<ProtoField> Fields(ReadOnlyMemory<byte> message)
    {
        int position = 0;
        while (position < message.Length)
        {
            ulong key = ReadVarint(message.Span, ref position);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            if (field <= 0)
            {
                throw new InvalidDataException("Malformed protobuf field number.");
            }

            switch (wire)
            {
                case 0:
                    yield return new ProtoField(field, (long)ReadVarint(message.Span, ref position), default, false);
                    break;
                case 1:
                    Require(message.Length - position >= 8);
                    yield return new ProtoField(field, BinaryPrimitives.ReadInt64LittleEndian(message.Span[position..]), default, false);
                    position += 8;
                    break;
                case 2:
                    ulong length = ReadVarint(message.Span, ref position);
                    Require(length <= (ulong)(message.Length - position));
                    yield return new ProtoField(field, 0, message.Slice(position, (int)length), true);
                    position += (int)length;
                    break;
                case 5:
                    Require(message.Length - position >= 4);
                    yield return new ProtoField(field, BinaryPrimitives.ReadInt32LittleEndian(message.Span[position..]), default, false);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {wire}.");
            }
        }
    }

    /// <summary>The values of a repeated varint field that may be packed or not.</summary>
    public static IEnumerable<long> Varints(ProtoField field)
    {
        if (!field.IsLengthDelimited)
        {
            yield return field.Value;
            yield break;
        }

        int position = 0;
        while (position < field.Payload.Length)
        {
            yield return (long)ReadVarint(field.Payload.Span, ref position);
        }
    }

    /// <summary>Little-endian floats (a packed float field or a tensor's raw data).</summary>
    public static float[] Floats(ReadOnlySpan<byte> data)
    {
        var values = new float[data.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
        }

        return values;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            byte b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("Malformed or truncated protobuf varint.");
    }

    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new InvalidDataException("Truncated protobuf message.");
        }
    }
}
