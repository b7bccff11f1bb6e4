using System.Numerics;
using System.Runtime.InteropServices;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Evaluation;

/// <summary>
/// Structural similarity (Wang et al. 2004) exactly as scikit-image 0.19 computes it with
/// <c>gaussian_weights=True, sigma=1.5, use_sample_covariance=False</c>: a normalised Gaussian window of sigma 1.5
/// truncated at radius 5, population (co)variances, K1 0.01 and K2 0.03, the SSIM map averaged over the interior
/// (5 pixels dropped on each side), per channel, then averaged over channels; double precision throughout.
/// </summary>
/// <remarks>
/// scikit-image filters the whole image with mirror padding and then drops a 5-pixel border, which is exactly the
/// filter radius, so the padded values never reach the mean. This implementation therefore filters only the
/// interior, streaming rows through an 11-row ring buffer: memory is a few rows, not five full-size maps.
/// </remarks>
public static class Ssim
{
    private const int Radius = 5;
    private const int Window = (2 * Radius) + 1;
    private const int Quantities = 5;
    private const double Sigma = 1.5;
    private static readonly double[] Weights = MakeWeights();

    /// <summary>The mean SSIM of a candidate against a reference (data range 1, samples in [0, 1]).</summary>
    /// <param name="reference">The ground truth.</param>
    /// <param name="candidate">The image to score.</param>
    /// <exception cref="ArgumentException">The sizes differ, or the image is smaller than the 11x11 window.</exception>
    public static double Compute(RgbImage reference, RgbImage candidate)
    {
        ImageSizes.RequireSame(reference, candidate, "reference", "candidate");
        if (reference.Width < Window || reference.Height < Window)
        {
            throw new ArgumentException(
                $"SSIM needs images of at least 11x11 pixels (the window size, as scikit-image requires); these are {reference.Width}x{reference.Height}.");
        }

        double sum = 0;
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            sum += ComputePlane(reference.Plane(c), candidate.Plane(c), reference.Width, reference.Height);
        }

        return sum / RgbImage.Channels;
    }

    private static double ComputePlane(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int width, int height)
    {
        int inner = width - (2 * Radius);
        var products = new double[Quantities][];
        for (int q = 0; q < Quantities; q++)
        {
            products[q] = new double[width];
        }

        // ring[q][slot] holds the horizontally filtered row of quantity q (x, y, xx, yy, xy) for one input row.
        var ring = new double[Quantities * Window * inner];
        var filtered = new double[Quantities * inner];
        double total = 0;
        for (int row = 0; row < height; row++)
        {
            ReadOnlySpan<float> xs = x.Slice(row * width, width), ys = y.Slice(row * width, width);
            for (int i = 0; i < width; i++)
            {
                double a = xs[i], b = ys[i];
                products[0][i] = a;
                products[1][i] = b;
                products[2][i] = a * a;
                products[3][i] = b * b;
                products[4][i] = a * b;
            }

            int slot = row % Window;
            for (int q = 0; q < Quantities; q++)
            {
                FilterHorizontal(products[q], ring.AsSpan(((q * Window) + slot) * inner, inner));
            }

            if (row >= Window - 1)
            {
                for (int q = 0; q < Quantities; q++)
                {
                    FilterVertical(ring.AsSpan(q * Window * inner, Window * inner), row, filtered.AsSpan(q * inner, inner));
                }

                total += SumSsimRow(filtered, inner);
            }
        }

        return total / ((double)inner * (height - (2 * Radius)));
    }

    private static void FilterHorizontal(double[] source, Span<double> destination)
    {
        int n = destination.Length, lanes = Vector<double>.Count;
        ref double s = ref MemoryMarshal.GetArrayDataReference(source);
        ref double d = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i <= n - lanes; i += lanes)
        {
            var acc = Vector.LoadUnsafe(ref s, (nuint)(i + Radius)) * Weights[Radius];
            for (int k = 0; k < Radius; k++)
            {
                acc += (Vector.LoadUnsafe(ref s, (nuint)(i + k)) + Vector.LoadUnsafe(ref s, (nuint)(i + Window - 1 - k))) * Weights[k];
            }

            acc.StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < n; i++)
        {
            double acc = source[i + Radius] * Weights[Radius];
            for (int k = 0; k < Radius; k++)
            {
                acc += (source[i + k] + source[i + Window - 1 - k]) * Weights[k];
            }

            destination[i] = acc;
        }
    }

    /// <summary>Vertical filter over the 11 ring rows ending at input row <paramref name="lastRow"/>.</summary>
    private static void FilterVertical(ReadOnlySpan<double> ring, int lastRow, Span<double> destination)
    {
        int n = destination.Length, lanes = Vector<double>.Count;
        Span<int> offsets = stackalloc int[Window];
        for (int k = 0; k < Window; k++)
        {
            offsets[k] = ((lastRow - (Window - 1) + k) % Window) * n;
        }

        ref double r = ref MemoryMarshal.GetReference(ring);
        ref double d = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i <= n - lanes; i += lanes)
        {
            var acc = Vector.LoadUnsafe(ref r, (nuint)(offsets[Radius] + i)) * Weights[Radius];
            for (int k = 0; k < Radius; k++)
            {
                acc += (Vector.LoadUnsafe(ref r, (nuint)(offsets[k] + i)) + Vector.LoadUnsafe(ref r, (nuint)(offsets[Window - 1 - k] + i))) * Weights[k];
            }

            acc.StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < n; i++)
        {
            double acc = ring[offsets[Radius] + i] * Weights[Radius];
            for (int k = 0; k < Radius; k++)
            {
                acc += (ring[offsets[k] + i] + ring[offsets[Window - 1 - k] + i]) * Weights[k];
            }

            destination[i] = acc;
        }
    }

    private static double SumSsimRow(double[] filtered, int n)
    {
        const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double ux = filtered[i], uy = filtered[n + i];
            double vx = filtered[(2 * n) + i] - (ux * ux), vy = filtered[(3 * n) + i] - (uy * uy), vxy = filtered[(4 * n) + i] - (ux * uy);
            sum += ((2 * ux * uy) + c1) * ((2 * vxy) + c2) / (((ux * ux) + (uy * uy) + c1) * (vx + vy + c2));
        }

        return sum;
    }

    private static double[] MakeWeights()
    {
        var w = new double[Window];
        double sum = 0;
        for (int i = -Radius; i <= Radius; i++)
        {
            w[i + Radius] = Math.Exp(-0.5 * i * i / (Sigma * Sigma));
            sum += w[i + Radius];
        }

        for (int i = 0; i < w.Length; i++)
        {
            w[i] /= sum;
        }

        return w;
    }
}
