using System.Buffers.Binary;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Detects files cut short. ImageSharp decodes a truncated PNG, JPEG or GIF without complaint, filling the missing
/// part with grey; a training set must not silently contain such images, so the loader refuses them.
/// </summary>
internal static class TruncationCheck
{
    private static ReadOnlySpan<byte> PngEnd => "IEND"u8;

    /// <summary>Why the file looks truncated, or null when it looks complete (or the format is not checked).</summary>
    public static string? Find(ReadOnlySpan<byte> bytes, string formatName) => formatName.ToUpperInvariant() switch
    {
        "PNG" => bytes.LastIndexOf(PngEnd) < 0 ? "the PNG is truncated (no IEND chunk)" : null,
        "JPEG" => JpegReason(bytes),
        "GIF" => bytes.LastIndexOf((byte)0x3B) < 0 ? "the GIF is truncated (no trailer)" : null,
        "WEBP" => WebpReason(bytes),
        _ => null,
    };

    private static string? JpegReason(ReadOnlySpan<byte> bytes)
    {
        // Entropy-coded data stuffs every 0xFF with 0x00, so FF DA (start of scan) and FF D9 (end of image) only
        // occur as markers. The main image's last scan must be followed by an end-of-image marker.
        int lastScan = LastMarker(bytes, 0xDA);
        if (lastScan < 0)
        {
            return "the JPEG has no image data (no start-of-scan marker)";
        }

        return bytes[lastScan..].IndexOf([(byte)0xFF, (byte)0xD9]) < 0 ? "the JPEG is truncated (no end-of-image marker after the last scan)" : null;
    }

    private static int LastMarker(ReadOnlySpan<byte> bytes, byte marker)
    {
        for (int i = bytes.Length - 2; i >= 0; i--)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] == marker)
            {
                return i;
            }
        }

        return -1;
    }

    private static string? WebpReason(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12)
        {
            return "the WebP is truncated (no RIFF header)";
        }

        long declared = (long)BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..8]) + 8;
        return bytes.Length < declared ? $"the WebP is truncated ({bytes.Length} of {declared} bytes)" : null;
    }
}
