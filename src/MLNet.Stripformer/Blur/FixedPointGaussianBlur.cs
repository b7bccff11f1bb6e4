using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNet.Stripformer.Blur;

/// <summary>
/// OpenCV's 8-bit Gaussian blur, bit for bit: a horizontal pass with integer weights summing to 256, a vertical pass
/// with the same weights on the exact row results, then <c>(acc + 32768) &gt;&gt; 16</c>. Everything fits in 32-bit
/// integers, so both passes are vectorised with <see cref="Vector{T}"/>, and the symmetric weights halve the
/// multiplications.
/// </summary>
internal static class FixedPointGaussianBlur
{
    /// <summary>Blurs one 8-bit plane.</summary>
    public static void BlurPlane(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, IReadOnlyList<int> weights)
    {
        int size = weights.Count, radius = size / 2;
        int[] q = weights.ToArray();
        int[] rows = new int[width * height];
        int[] padded = new int[width + (2 * radius) + Vector<int>.Count];
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> src = source.Slice(y * width, width);
            for (int x = 0; x < padded.Length - Vector<int>.Count; x++)
            {
                padded[x] = src[BorderIndex.Reflect101(x - radius, width)];
            }

            Convolve(padded, rows.AsSpan(y * width, width), q);
        }

        int[] window = new int[size];
        int[] accumulator = new int[width];
        for (int y = 0; y < height; y++)
        {
            for (int j = 0; j < size; j++)
            {
                window[j] = BorderIndex.Reflect101(y + j - radius, height) * width;
            }

            VerticalPass(rows, window, q, accumulator);
            Span<byte> dst = destination.Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                dst[x] = (byte)Math.Clamp((accumulator[x] + 32768) >> 16, 0, 255);
            }
        }
    }

    private static void Convolve(int[] padded, Span<int> output, int[] q)
    {
        int size = q.Length, radius = size / 2, width = output.Length;
        ref int p = ref MemoryMarshal.GetArrayDataReference(padded);
        ref int o = ref MemoryMarshal.GetReference(output);
        int x = 0;
        for (; x <= width - Vector<int>.Count; x += Vector<int>.Count)
        {
            var acc = Vector.LoadUnsafe(ref p, (nuint)(x + radius)) * q[radius];
            for (int i = 0; i < radius; i++)
            {
                if (q[i] != 0)
                {
                    acc += (Vector.LoadUnsafe(ref p, (nuint)(x + i)) + Vector.LoadUnsafe(ref p, (nuint)(x + size - 1 - i))) * q[i];
                }
            }

            acc.StoreUnsafe(ref o, (nuint)x);
        }

        for (; x < width; x++)
        {
            int acc = Unsafe.Add(ref p, x + radius) * q[radius];
            for (int i = 0; i < radius; i++)
            {
                acc += (Unsafe.Add(ref p, x + i) + Unsafe.Add(ref p, x + size - 1 - i)) * q[i];
            }

            Unsafe.Add(ref o, x) = acc;
        }
    }

    private static void VerticalPass(int[] rows, int[] window, int[] q, int[] accumulator)
    {
        int size = q.Length, radius = size / 2, width = accumulator.Length;
        ref int r = ref MemoryMarshal.GetArrayDataReference(rows);
        ref int a = ref MemoryMarshal.GetArrayDataReference(accumulator);
        int x = 0;
        for (; x <= width - Vector<int>.Count; x += Vector<int>.Count)
        {
            var acc = Vector.LoadUnsafe(ref r, (nuint)(window[radius] + x)) * q[radius];
            for (int j = 0; j < radius; j++)
            {
                if (q[j] != 0)
                {
                    acc += (Vector.LoadUnsafe(ref r, (nuint)(window[j] + x)) + Vector.LoadUnsafe(ref r, (nuint)(window[size - 1 - j] + x))) * q[j];
                }
            }

            acc.StoreUnsafe(ref a, (nuint)x);
        }

        for (; x < width; x++)
        {
            int acc = Unsafe.Add(ref r, window[radius] + x) * q[radius];
            for (int j = 0; j < radius; j++)
            {
                acc += (Unsafe.Add(ref r, window[j] + x) + Unsafe.Add(ref r, window[size - 1 - j] + x)) * q[j];
            }

            Unsafe.Add(ref a, x) = acc;
        }
    }
}
