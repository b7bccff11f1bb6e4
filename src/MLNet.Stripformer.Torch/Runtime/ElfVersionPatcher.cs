using System.Buffers.Binary;
using System.Text;

namespace MLNet.Stripformer.Torch.Runtime;

/// <summary>
/// Marks a symbol-version requirement of an ELF64 shared library weak (<c>VER_FLG_WEAK</c>) in its
/// <c>SHT_GNU_verneed</c> section, so the dynamic loader accepts a system library that lacks that version.
/// TorchSharp 0.107's <c>libLibTorchSharp.so</c> requires <c>GLIBCXX_3.4.32</c> only for
/// <c>_ZSt21ios_base_library_initv</c>, a marker GCC 13 emits and never calls; Debian 12 and Ubuntu 22.04 stop at
/// <c>GLIBCXX_3.4.30</c>.
/// </summary>
internal static class ElfVersionPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>Sets the weak flag on every requirement of <paramref name="versionName"/>; returns how many.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file.</exception>
    public static int MakeWeak(byte[] elf, string versionName)
    {
        ArgumentNullException.ThrowIfNull(elf);
        if (elf.Length < 64 || elf[0] != 0x7F || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("Not a 64-bit little-endian ELF file.");
        }

        var span = elf.AsSpan();
        long sectionTable = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        byte[] wanted = Encoding.ASCII.GetBytes(versionName);
        int patched = 0;
        for (int s = 0; s < count; s++)
        {
            var header = span.Slice(checked((int)(sectionTable + ((long)s * entrySize))), 64);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != ShtGnuVerneed)
            {
                continue;
            }

            long offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[40..]);
            int entries = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[44..]);
            var strings = span.Slice(checked((int)(sectionTable + ((long)link * entrySize))), 64);
            long stringTable = (long)BinaryPrimitives.ReadUInt64LittleEndian(strings[24..]);
            long need = offset;
            for (int n = 0; n < entries; n++)
            {
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(span[(int)(need + 2)..]);
                long aux = need + BinaryPrimitives.ReadUInt32LittleEndian(span[(int)(need + 8)..]);
                for (int a = 0; a < auxCount; a++)
                {
                    long name = stringTable + BinaryPrimitives.ReadUInt32LittleEndian(span[(int)(aux + 8)..]);
                    if (NameAt(span, name).SequenceEqual(wanted))
                    {
                        var flags = span[(int)(aux + 4)..];
                        BinaryPrimitives.WriteUInt16LittleEndian(flags, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(flags) | VerFlagWeak));
                        patched++;
                    }

                    aux += BinaryPrimitives.ReadUInt32LittleEndian(span[(int)(aux + 12)..]);
                }

                need += BinaryPrimitives.ReadUInt32LittleEndian(span[(int)(need + 12)..]);
            }
        }

        return patched;
    }

    private static ReadOnlySpan<byte> NameAt(ReadOnlySpan<byte> elf, long offset)
    {
        var rest = elf[(int)offset..];
        int end = rest.IndexOf((byte)0);
        return end < 0 ? rest : rest[..end];
    }
}
