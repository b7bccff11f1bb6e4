using System.Runtime.InteropServices;

namespace MLNet.Stripformer.Blur;

/// <summary>A 64-bit hash of float samples that is the same on every machine and in every process (unlike
/// <see cref="HashCode"/>), used to pick a kernel per row reproducibly.</summary>
internal static class ContentHash
{
    public static ulong Compute(ReadOnlySpan<float> values, uint seed)
    {
        const ulong prime = 0x100000001B3UL;
        ulong hash = 0xCBF29CE484222325UL ^ seed;
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<float, ulong>(values);
        foreach (ulong word in words)
        {
            hash = (hash ^ word) * prime;
            hash ^= hash >> 29;
        }

        if (values.Length % 2 == 1)
        {
            hash = (hash ^ BitConverter.SingleToUInt32Bits(values[^1])) * prime;
        }

        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        return hash;
    }
}
