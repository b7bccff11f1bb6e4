using System.Buffers.Binary;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Checks the sizes a BMP header gives against the file's length before ImageSharp reads it. ImageSharp 2.1 sizes
/// the palette it allocates from the header's pixel-data offset or colour count, so a 105-byte file (found by
/// fuzzing) could make it allocate up to 2 GB; with this check the palette is never larger than the file.
/// </summary>
internal static class BmpHeaderCheck
{
    private const int FileHeaderSize = 14;
    private const int InfoHeaderSize = 40;
    private const int ColoursUsedAt = FileHeaderSize + 32;

    /// <summary>Why the BMP header cannot describe this file, or null (also for other formats).</summary>
    public static string? Find(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 2 || bytes[0] != (byte)'B' || bytes[1] != (byte)'M')
        {
            return null;
        }

        if (bytes.Length < FileHeaderSize + 4)
        {
            return "the BMP header is truncated";
        }

        uint offset = BinaryPrimitives.ReadUInt32LittleEndian(bytes[10..]);
        if (offset > bytes.Length)
        {
            return $"the BMP header puts the pixel data at byte {offset}, beyond the end of the file ({bytes.Length} bytes)";
        }

        uint infoSize = BinaryPrimitives.ReadUInt32LittleEndian(bytes[FileHeaderSize..]);
        if (infoSize >= InfoHeaderSize && bytes.Length >= ColoursUsedAt + 4)
        {
            ulong colours = BinaryPrimitives.ReadUInt32LittleEndian(bytes[ColoursUsedAt..]);
            if (colours * 4 > (ulong)bytes.Length)
            {
                return $"the BMP header declares a palette of {colours} colours, more than the file's {bytes.Length} bytes can hold";
            }
        }

        return null;
    }
}
