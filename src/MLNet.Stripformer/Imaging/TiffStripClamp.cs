using System.Buffers.Binary;
using static MLNet.Stripformer.Imaging.TiffBytes;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Clamps each TIFF directory's RowsPerStrip to its ImageLength, as the TIFF specification reads a larger value
/// (writers use 2^32 - 1 for "one strip"). ImageSharp 2.1 sizes its strip buffers from RowsPerStrip itself, so a
/// 768-byte 16x12 TIFF found by fuzzing, with RowsPerStrip 15,466,251, took 541 MB; clamped, the buffers follow the
/// image's size, which <see cref="ImageDecodeOptions.MaxPixels"/> bounds.
/// </summary>
internal static class TiffStripClamp
{
    private const ushort ImageLength = 257;
    private const ushort RowsPerStrip = 278;
    private const ushort Short = 3;
    private const ushort Long = 4;
    private const int MaxDirectories = 256;

    /// <summary>The bytes with every RowsPerStrip clamped: <paramref name="bytes"/> itself when nothing changes
    /// (also for other formats and for directories too malformed to read, which the decoder then refuses).</summary>
    public static byte[] Apply(byte[] bytes)
    {
        bool little = bytes.Length >= 8 && bytes[0] == (byte)'I' && bytes[1] == (byte)'I' && bytes[2] == 42 && bytes[3] == 0;
        bool big = bytes.Length >= 8 && bytes[0] == (byte)'M' && bytes[1] == (byte)'M' && bytes[2] == 0 && bytes[3] == 42;
        if (!little && !big)
        {
            return bytes;
        }

        byte[] result = bytes;
        var seen = new HashSet<long>();
        long offset = U32(bytes, 4, little);
        while (offset > 0 && offset + 2 <= bytes.Length && seen.Count < MaxDirectories && seen.Add(offset))
        {
            int entries = U16(bytes, (int)offset, little);
            long end = offset + 2 + (12L * entries);
            if (end + 4 > bytes.Length)
            {
                break;
            }

            long? length = null;
            int rowsAt = -1;
            for (int i = 0; i < entries; i++)
            {
                int at = (int)offset + 2 + (12 * i);
                ushort tag = U16(bytes, at, little), type = U16(bytes, at + 2, little);
                if ((tag is ImageLength or RowsPerStrip) && U32(bytes, at + 4, little) == 1 && type is Short or Long)
                {
                    long value = type == Short ? U16(bytes, at + 8, little) : U32(bytes, at + 8, little);
                    (length, rowsAt) = tag == ImageLength ? (value, rowsAt) : (length, at);
                }
            }

            if (length is > 0 && rowsAt >= 0 && Value(bytes, rowsAt, little) > length)
            {
                result = result == bytes ? (byte[])bytes.Clone() : result;
                Write(result, rowsAt, little, (uint)length.Value);
            }

            offset = U32(bytes, (int)end, little);
        }

        return result;
    }

    private static long Value(byte[] bytes, int entry, bool little) =>
        U16(bytes, entry + 2, little) == Short ? U16(bytes, entry + 8, little) : U32(bytes, entry + 8, little);

    private static void Write(byte[] bytes, int entry, bool little, uint value)
    {
        var field = bytes.AsSpan(entry + 8, 4);
        if (U16(bytes, entry + 2, little) == Short)
        {
            field.Clear();
            if (little)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(field, (ushort)value);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(field, (ushort)value);
            }
        }
        else if (little)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(field, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(field, value);
        }
    }
}
