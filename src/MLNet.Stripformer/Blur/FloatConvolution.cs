using System.Numerics;
using System.Runtime.InteropServices;

namespace MLNet.Stripformer.Blur;

/// <summary>
/// 2-D correlation of a float plane with any kernel (reflect-101 border, the anchor at the kernel centre, as
/// OpenCV's <c>filter2D</c>). Rows of the padded plane are accumulated tap by tap with <see cref="Vector{T}"/>;
/// zero taps are skipped.
/// </summary>
internal static class FloatConvolution
{
    /// <summary>Convolves one plane.</summary>
    public static void ConvolvePlane(ReadOnlySpan<float> source, Span<float> destination, int width, int height, BlurKernel kernel)
    {
        int kw = kernel.Width, kh = kernel.Height, rx = kw / 2, ry = kh / 2;
        int paddedWidth = width + (2 * rx);
        float[] padded = GC.AllocateUninitializedArray<float>((paddedWidth * (height + (2 * ry))) + Vector<float>.Count);
        for (int py = 0; py < height + (2 * ry); py++)
        {
            ReadOnlySpan<float> src = source.Slice(BorderIndex.Reflect101(py - ry, height) * width, width);
            Span<float> dst = padded.AsSpan(py * paddedWidth, paddedWidth);
            for (int px = 0; px < paddedWidth; px++)
            {
                dst[px] = src[BorderIndex.Reflect101(px - rx, width)];
            }
        }

        var offsets = new List<int>();
        var weights = new List<float>();
        for (int ky = 0; ky < kh; ky++)
        {
            for (int kx = 0; kx < kw; kx++)
            {
                float w = kernel.Weights[(ky * kw) + kx];
                if (w != 0)
                {
                    offsets.Add((ky * paddedWidth) + kx);
                    weights.Add(w);
                }
            }
        }

        int[] tapOffsets = offsets.ToArray();
        float[] tapWeights = weights.ToArray();

        ref float p = ref MemoryMarshal.GetArrayDataReference(padded);
        for (int y = 0; y < height; y++)
        {
            Span<float> row = destination.Slice(y * width, width);
            ref float o = ref MemoryMarshal.GetReference(row);
            int start = y * paddedWidth;
            int x = 0;
            for (; x <= width - Vector<float>.Count; x += Vector<float>.Count)
            {
                var acc = Vector<float>.Zero;
                for (int t = 0; t < tapOffsets.Length; t++)
                {
                    acc += Vector.LoadUnsafe(ref p, (nuint)(start + tapOffsets[t] + x)) * tapWeights[t];
                }

                acc.StoreUnsafe(ref o, (nuint)x);
            }

            for (; x < width; x++)
            {
                float acc = 0;
                for (int t = 0; t < tapOffsets.Length; t++)
                {
                    acc += padded[start + tapOffsets[t] + x] * tapWeights[t];
                }

                row[x] = acc;
            }
        }
    }
}
