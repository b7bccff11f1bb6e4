using System.Buffers.Binary;
using static MLNet.Stripformer.Imaging.TiffBytes;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Walks the directory chain of a TIFF or BigTIFF before ImageSharp reads it. It refuses one that cannot describe
/// the file: a directory that claims more entries than the file holds (a 645-byte BigTIFF found by fuzzing claimed
/// 7.2e18 and kept ImageSharp 2.1 reading for minutes), a chain that loops, or strips and tiles whose data lie beyond
/// the end of the file (a 792-byte TIFF claiming a 335 MB strip kept its CCITT decoder busy for over a minute). On the
/// way it clamps each directory's RowsPerStrip to its ImageLength, as the TIFF specification reads a larger value
/// (writers use 2^32 - 1 for "one strip"): ImageSharp 2.1 sizes its strip buffers from RowsPerStrip itself, so a
/// 768-byte 16x12 TIFF with RowsPerStrip 15,466,251 took 541 MB; clamped, the buffers follow the image's size, which
/// <see cref="ImageDecodeOptions.MaxPixels"/> bounds.
/// </summary>
internal static class TiffDirectoryCheck
{
    private const int MaxDirectories = 1024;
    private const ushort ImageLength = 257, RowsPerStrip = 278;
    private const ushort StripOffsets = 273, StripByteCounts = 279, TileOffsets = 324, TileByteCounts = 325;

    /// <summary>Why the TIFF's directories cannot describe this file, or null (also for other formats).</summary>
    /// <param name="bytes">The file.</param>
    /// <param name="decodable">The bytes to decode: <paramref name="bytes"/> itself, or a copy with RowsPerStrip
    /// clamped where a directory needed it.</param>
    public static string? Check(byte[] bytes, out byte[] decodable)
    {
        decodable = bytes;
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

            if (Inspect(bytes, (int)offset + countSize, (int)entries, big, little, ref decodable) is { } beyond)
            {
                return beyond;
            }

            offset = big ? U64(bytes, (int)next, little) : U32(bytes, (int)next, little);
        }

        return null;
    }

    /// <summary>Clamps the directory's RowsPerStrip in <paramref name="decodable"/> (copied on the first change), then
    /// says why its strips or tiles cannot lie in the file, or null.</summary>
    private static string? Inspect(byte[] bytes, int firstEntry, int entries, bool big, bool little, ref byte[] decodable)
    {
        ulong[]? offsets = null, counts = null;
        ulong? height = null;
        int rowsEntry = -1;
        string? tableBeyondEnd = null;
        for (int i = 0; i < entries; i++)
        {
            int entry = firstEntry + (i * (big ? 20 : 12));
            ushort tag = U16(bytes, entry, little);
            if (tag is ImageLength)
            {
                height = Values(bytes, entry, big, little) is [var length] ? length : null;
            }
            else if (tag is RowsPerStrip)
            {
                rowsEntry = entry;
            }
            else if (tag is StripOffsets or StripByteCounts or TileOffsets or TileByteCounts)
            {
                var values = Values(bytes, entry, big, little);
                if (values is null)
                {
                    tableBeyondEnd ??= $"the TIFF's strip or tile table (tag {tag}) lies beyond the end of the file ({bytes.Length} bytes)";
                }

                (offsets, counts) = tag is StripOffsets or TileOffsets ? (values, counts) : (offsets, values);
            }
        }

        if (height is > 0 && rowsEntry >= 0 && Values(bytes, rowsEntry, big, little) is [var rows] && rows > height)
        {
            decodable = decodable == bytes ? (byte[])bytes.Clone() : decodable;
            WriteValue(decodable, rowsEntry, big, little, height.Value);
        }

        if (tableBeyondEnd is not null)
        {
            return tableBeyondEnd;
        }

        for (int i = 0; offsets is not null && counts is not null && i < Math.Min(offsets.Length, counts.Length); i++)
        {
            if (offsets[i] > (ulong)bytes.Length || counts[i] > (ulong)bytes.Length - offsets[i])
            {
                return $"the TIFF's strip or tile {i} ({counts[i]} bytes at byte {offsets[i]}) lies beyond the end of the file ({bytes.Length} bytes)";
            }
        }

        return null;
    }

    /// <summary>Overwrites a one-value SHORT, LONG or LONG8 entry in place, in the file's byte order.</summary>
    private static void WriteValue(byte[] bytes, int entry, bool big, bool little, ulong value)
    {
        var field = bytes.AsSpan(entry + (big ? 12 : 8), big ? 8 : 4);
        field.Clear();
        switch (U16(bytes, entry + 2, little))
        {
            case 3 when little: BinaryPrimitives.WriteUInt16LittleEndian(field, (ushort)value); break;
            case 3: BinaryPrimitives.WriteUInt16BigEndian(field, (ushort)value); break;
            case 4 when little: BinaryPrimitives.WriteUInt32LittleEndian(field, (uint)value); break;
            case 4: BinaryPrimitives.WriteUInt32BigEndian(field, (uint)value); break;
            case 16 when little: BinaryPrimitives.WriteUInt64LittleEndian(field, value); break;
            default: BinaryPrimitives.WriteUInt64BigEndian(field, value); break;
        }
    }

    /// <summary>An entry's SHORT, LONG or LONG8 values, or null when they do not fit in the file.</summary>
    private static ulong[]? Values(ReadOnlySpan<byte> bytes, int entry, bool big, bool little)
    {
        int size = U16(bytes, entry + 2, little) switch { 3 => 2, 4 => 4, 16 => 8, _ => 0 };
        ulong count = big ? U64(bytes, entry + 4, little) : U32(bytes, entry + 4, little);
        int field = entry + (big ? 12 : 8), fieldSize = big ? 8 : 4;
        if (size == 0 || count > (ulong)bytes.Length / (ulong)size)
        {
            return null;
        }

        ulong at = count * (ulong)size <= (ulong)fieldSize ? (ulong)field : (big ? U64(bytes, field, little) : U32(bytes, field, little));
        if (at + (count * (ulong)size) > (ulong)bytes.Length)
        {
            return null;
        }

        var values = new ulong[count];
        for (int i = 0; i < values.Length; i++)
        {
            int p = (int)at + (i * size);
            values[i] = size switch { 2 => U16(bytes, p, little), 4 => U32(bytes, p, little), _ => U64(bytes, p, little) };
        }

        return values;
    }
}
