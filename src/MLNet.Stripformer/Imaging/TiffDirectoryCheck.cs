using System.Buffers.Binary;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Walks the directory chain of a TIFF or BigTIFF before ImageSharp reads it and refuses one that cannot describe
/// the file: a directory that claims more entries than the file holds (a 645-byte BigTIFF found by fuzzing claimed
/// 7.2e18 and kept ImageSharp 2.1 reading for minutes), or a chain that loops.
/// </summary>
internal static class TiffDirectoryCheck
{
    private const int MaxDirectories = 1024;

    /// <summary>Why the TIFF's directories cannot describe this file, or null (also for other formats).</summary>
    public static string? Find(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || !((bytes[0] == 'I' && bytes[1] == 'I') || (bytes[0] == 'M' && bytes[1] == 'M')))
        {
            return null;
        }

        bool little = bytes[0] == 'I';
        int version = U16(bytes, 2, little);
        if (version is not (42 or 43))
        {
            return null;
        }

        bool big = version == 43;
        if (big && bytes.Length < 16)
        {
            return "the BigTIFF header is truncated";
        }

        int countSize = big ? 8 : 2, entrySize = big ? 20 : 12, offsetSize = big ? 8 : 4;
        ulong offset = big ? U64(bytes, 8, little) : U32(bytes, 4, little);
        var seen = new HashSet<ulong>();
        while (offset != 0)
        {
            if (!seen.Add(offset))
            {
                return $"the TIFF's directories form a loop (the directory at byte {offset} comes back)";
            }

            if (seen.Count > MaxDirectories)
            {
                return $"the TIFF has more than {MaxDirectories} directories";
            }

            if (offset > (ulong)(bytes.Length - countSize))
            {
                return $"a TIFF directory starts at byte {offset}, beyond the end of the file ({bytes.Length} bytes)";
            }

            ulong entries = big ? U64(bytes, (int)offset, little) : U16(bytes, (int)offset, little);
            ulong next = offset + (ulong)countSize + (entries * (ulong)entrySize);
            if (entries > (ulong)bytes.Length || next + (ulong)offsetSize > (ulong)bytes.Length)
            {
                return $"the TIFF directory at byte {offset} claims {entries} entries, more than the file's {bytes.Length} bytes can hold";
            }

            offset = big ? U64(bytes, (int)next, little) : U32(bytes, (int)next, little);
        }

        return null;
    }

    private static ushort U16(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);

    private static uint U32(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);

    private static ulong U64(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt64BigEndian(bytes[at..]);
}
