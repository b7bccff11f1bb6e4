using static MLNet.Stripformer.Imaging.TiffBytes;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Walks the directory chain of a TIFF or BigTIFF before ImageSharp reads it and refuses one that cannot describe
/// the file: a directory that claims more entries than the file holds (a 645-byte BigTIFF found by fuzzing claimed
/// 7.2e18 and kept ImageSharp 2.1 reading for minutes), a chain that loops, or strips and tiles whose data lie beyond
/// the end of the file (a 792-byte TIFF claiming a 335 MB strip kept its CCITT decoder busy for over a minute).
/// </summary>
internal static class TiffDirectoryCheck
{
    private const int MaxDirectories = 1024;
    private const ushort StripOffsets = 273, StripByteCounts = 279, TileOffsets = 324, TileByteCounts = 325;

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

            if (DataBeyondEnd(bytes, (int)offset + countSize, (int)entries, big, little) is { } beyond)
            {
                return beyond;
            }

            offset = big ? U64(bytes, (int)next, little) : U32(bytes, (int)next, little);
        }

        return null;
    }

    /// <summary>Why a directory's strips or tiles cannot lie in the file, or null.</summary>
    private static string? DataBeyondEnd(ReadOnlySpan<byte> bytes, int firstEntry, int entries, bool big, bool little)
    {
        ulong[]? offsets = null, counts = null;
        for (int i = 0; i < entries; i++)
        {
            int entry = firstEntry + (i * (big ? 20 : 12));
            ushort tag = U16(bytes, entry, little);
            if (tag is not (StripOffsets or StripByteCounts or TileOffsets or TileByteCounts))
            {
                continue;
            }

            var values = Values(bytes, entry, big, little);
            if (values is null)
            {
                return $"the TIFF's strip or tile table (tag {tag}) lies beyond the end of the file ({bytes.Length} bytes)";
            }

            if (tag is StripOffsets or TileOffsets)
            {
                offsets = values;
            }
            else
            {
                counts = values;
            }
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
