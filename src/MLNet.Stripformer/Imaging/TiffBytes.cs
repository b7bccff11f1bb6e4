using System.Buffers.Binary;

namespace MLNet.Stripformer.Imaging;

/// <summary>Reads TIFF's unsigned integers in the file's byte order (little-endian "II" or big-endian "MM").</summary>
internal static class TiffBytes
{
    public static ushort U16(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);

    public static uint U32(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);

    public static ulong U64(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt64BigEndian(bytes[at..]);
}
