using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNet.Stripformer.Blur;

/// <summary>
/// OpenCV's 8-bit Gaussian blur, bit for bit: samples rounded to 8-bit levels, a horizontal pass with integer weights
/// summing to 256, a vertical pass with the same weights on the exact row results, then <c>(acc + 32768) &gt;&gt; 16</c>.
/// Everything fits in 32-bit integers, so every step (rounding, both passes, the final shift and the conversion back
/// to floats) is vectorised with <see cref="Vector{T}"/>, and the symmetric weights halve the multiplications.
/// </summary>
internal static class FixedPointGaussianBlur
{
    private static readonly int Lanes = Vector<int>.Count;
    private static readonly int WideLanes = Vector<ushort>.Count;

    /// <summary>Blurs one plane of [0, 1] samples; the result holds exact 8-bit levels divided by 255.</summary>
    /// <remarks>Horizontal results live in a ring of <c>k</c> rows, computed when the vertical pass first needs them:
    /// the rows an output row reads (reflect-101 included) are always fewer than <c>k</c> apart, so they never
    /// collide in the ring, and the working set stays in cache.</remarks>
    public static void BlurPlane(ReadOnlySpan<float> source, Span<float> destination, int width, int height, IReadOnlyList<int> weights)
    {
        int[] q = weights.ToArray();
        int size = q.Length, radius = size / 2;
        var taps = new Taps(q);
        int[] ring = new int[size * width];
        int[] ringRow = new int[size];
        Array.Fill(ringRow, -1);
        ushort[] padded = new ushort[width + (2 * radius) + WideLanes];
        int[] accumulator = new int[width];
        Span<int> window = stackalloc int[size];
        for (int y = 0; y < height; y++)
        {
            for (int j = 0; j < size; j++)
            {
                int sourceRow = BorderIndex.Reflect101(y + j - radius, height);
                int slot = sourceRow % size;
                if (ringRow[slot] != sourceRow)
                {
                    Quantize(source.Slice(sourceRow * width, width), padded.AsSpan(radius, width));
                    for (int i = 1; i <= radius; i++)
                    {
                        padded[radius - i] = padded[radius + BorderIndex.Reflect101(-i, width)];
                        padded[radius + width - 1 + i] = padded[radius + BorderIndex.Reflect101(width - 1 + i, width)];
                    }

                    HorizontalPass(padded, ring.AsSpan(slot * width, width), taps, radius);
                    ringRow[slot] = sourceRow;
                }

                window[j] = slot * width;
            }

            VerticalPass(ring, window, taps, accumulator);
            Descale(accumulator, destination.Slice(y * width, width));
        }
    }

    private static void Quantize(ReadOnlySpan<float> source, Span<ushort> levels)
    {
        ref float s = ref MemoryMarshal.GetReference(source);
        ref ushort d = ref MemoryMarshal.GetReference(levels);
        int i = 0;
        for (; i <= source.Length - WideLanes; i += WideLanes)
        {
            var low = Vector.AsVectorUInt32(QuantizeVector(Vector.LoadUnsafe(ref s, (nuint)i)));
            var high = Vector.AsVectorUInt32(QuantizeVector(Vector.LoadUnsafe(ref s, (nuint)(i + Lanes))));
            Vector.Narrow(low, high).StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < source.Length; i++)
        {
            levels[i] = Imaging.SampleQuantizer.ToByte(source[i]);
        }
    }

    private static Vector<int> QuantizeVector(Vector<float> v)
    {
        v = Vector.ConditionalSelect(Vector.Equals(v, v), v, Vector<float>.Zero);
        return Vector.ConvertToInt32(Vector.Min(Vector.Max(Vector.Round(v * 255f), Vector<float>.Zero), new Vector<float>(255f)));
    }

    private static void Descale(ReadOnlySpan<int> accumulator, Span<float> destination)
    {
        ref int a = ref MemoryMarshal.GetReference(accumulator);
        ref float d = ref MemoryMarshal.GetReference(destination);
        var half = new Vector<int>(32768);
        var max = new Vector<int>(255);
        var scale = new Vector<float>(255f);
        int i = 0;
        for (; i <= accumulator.Length - Lanes; i += Lanes)
        {
            var level = Vector.Min(Vector.Max(Vector.ShiftRightArithmetic(Vector.LoadUnsafe(ref a, (nuint)i) + half, 16), Vector<int>.Zero), max);
            (Vector.ConvertToSingle(level) / scale).StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < accumulator.Length; i++)
        {
            destination[i] = Math.Clamp((accumulator[i] + 32768) >> 16, 0, 255) / 255f;
        }
    }

    /// <summary>The non-zero symmetric weight pairs of a kernel: tap i pairs with tap k-1-i.</summary>
    private sealed class Taps
    {
        public Taps(int[] q)
        {
            int radius = q.Length / 2;
            Centre = q[radius];
            CentreVector = new Vector<int>(q[radius]);
            var pairs = Enumerable.Range(0, radius).Where(i => q[i] != 0).ToArray();
            Left = pairs;
            Right = pairs.Select(i => q.Length - 1 - i).ToArray();
            Weight = pairs.Select(i => q[i]).ToArray();
            WeightVector = pairs.Select(i => new Vector<int>(q[i])).ToArray();
            NarrowCentreVector = new Vector<ushort>((ushort)q[radius]);
            NarrowWeightVector = pairs.Select(i => new Vector<ushort>((ushort)q[i])).ToArray();
        }

        public int Centre { get; }

        public Vector<int> CentreVector { get; }

        public int[] Left { get; }

        public int[] Right { get; }

        public int[] Weight { get; }

        public Vector<int>[] WeightVector { get; }

        public Vector<ushort> NarrowCentreVector { get; }

        public Vector<ushort>[] NarrowWeightVector { get; }
    }

    /// <summary>
    /// The horizontal pass in 16-bit lanes: every partial sum is at most the full sum, 256 * 255 = 65280, and each
    /// symmetric pair term (a + b) * q is at most 510 * 128 (a pair weight is at most half of 256), so unsigned 16-bit
    /// arithmetic is exact and twice as wide as 32-bit.
    /// </summary>
    private static void HorizontalPass(ushort[] padded, Span<int> output, Taps taps, int radius)
    {
        int width = output.Length, pairs = taps.Left.Length;
        ref ushort p = ref MemoryMarshal.GetArrayDataReference(padded);
        ref uint o = ref Unsafe.As<int, uint>(ref MemoryMarshal.GetReference(output));
        ref int left = ref MemoryMarshal.GetArrayDataReference(taps.Left);
        ref int right = ref MemoryMarshal.GetArrayDataReference(taps.Right);
        ref Vector<ushort> weight = ref MemoryMarshal.GetArrayDataReference(taps.NarrowWeightVector);
        int x = 0;
        for (; x <= width - WideLanes; x += WideLanes)
        {
            ref ushort at = ref Unsafe.Add(ref p, x);
            var acc = Vector.LoadUnsafe(ref at, (nuint)radius) * taps.NarrowCentreVector;
            for (int t = 0; t < pairs; t++)
            {
                acc += (Vector.LoadUnsafe(ref at, (nuint)Unsafe.Add(ref left, t)) + Vector.LoadUnsafe(ref at, (nuint)Unsafe.Add(ref right, t))) * Unsafe.Add(ref weight, t);
            }

            Vector.Widen(acc, out Vector<uint> low, out Vector<uint> high);
            low.StoreUnsafe(ref o, (nuint)x);
            high.StoreUnsafe(ref o, (nuint)(x + Lanes));
        }

        for (; x < width; x++)
        {
            int acc = padded[x + radius] * taps.Centre;
            for (int t = 0; t < pairs; t++)
            {
                acc += (padded[x + taps.Left[t]] + padded[x + taps.Right[t]]) * taps.Weight[t];
            }

            output[x] = acc;
        }
    }

    private static void VerticalPass(int[] ring, ReadOnlySpan<int> window, Taps taps, int[] accumulator)
    {
        int width = accumulator.Length, pairs = taps.Left.Length, radius = window.Length / 2;
        Span<int> leftRows = stackalloc int[pairs];
        Span<int> rightRows = stackalloc int[pairs];
        for (int t = 0; t < pairs; t++)
        {
            leftRows[t] = window[taps.Left[t]];
            rightRows[t] = window[taps.Right[t]];
        }

        ref int r = ref MemoryMarshal.GetArrayDataReference(ring);
        ref int a = ref MemoryMarshal.GetArrayDataReference(accumulator);
        ref int left = ref MemoryMarshal.GetReference(leftRows);
        ref int right = ref MemoryMarshal.GetReference(rightRows);
        ref Vector<int> weight = ref MemoryMarshal.GetArrayDataReference(taps.WeightVector);
        ref int centre = ref Unsafe.Add(ref r, window[radius]);
        int x = 0;
        for (; x <= width - Lanes; x += Lanes)
        {
            ref int at = ref Unsafe.Add(ref r, x);
            var acc = Vector.LoadUnsafe(ref centre, (nuint)x) * taps.CentreVector;
            for (int t = 0; t < pairs; t++)
            {
                acc += (Vector.LoadUnsafe(ref at, (nuint)Unsafe.Add(ref left, t)) + Vector.LoadUnsafe(ref at, (nuint)Unsafe.Add(ref right, t))) * Unsafe.Add(ref weight, t);
            }

            acc.StoreUnsafe(ref a, (nuint)x);
        }

        for (; x < width; x++)
        {
            int acc = ring[window[radius] + x] * taps.Centre;
            for (int t = 0; t < pairs; t++)
            {
                acc += (ring[leftRows[t] + x] + ring[rightRows[t] + x]) * taps.Weight[t];
            }

            accumulator[x] = acc;
        }
    }
}
