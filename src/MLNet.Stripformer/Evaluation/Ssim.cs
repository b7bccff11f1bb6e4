using System.Numerics;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Evaluation;

/// <summary>
/// Structural similarity (Wang et al. 2004) exactly as scikit-image 0.19 computes it with
/// <c>gaussian_weights=True, sigma=1.5, use_sample_covariance=False</c>: a normalised Gaussian window of sigma 1.5
/// truncated at radius 5, applied separably with edge-repeating mirror padding (<c>d c b a | a b c d</c>),
/// population (co)variances, K1 0.01 and K2 0.03, the map averaged over the interior (5 pixels dropped on each side),
/// per channel, then averaged over channels. Computed in double precision.
/// </summary>
public static class Ssim
{
    private const int Radius = 5;
    private const double Sigma = 1.5;
    private static readonly double[] Window = MakeWindow();

    /// <summary>The mean SSIM of a candidate against a reference (data range 1, samples in [0, 1]).</summary>
    /// <param name="reference">The ground truth.</param>
    /// <param name="candidate">The image to score.</param>
    /// <exception cref="ArgumentException">The sizes differ, or the image is smaller than the 11x11 window.</exception>
    public static double Compute(RgbImage reference, RgbImage candidate)
    {
        ImageSizes.RequireSame(reference, candidate, "reference", "candidate");
        if (reference.Width < (2 * Radius) + 1 || reference.Height < (2 * Radius) + 1)
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
        const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
        int n = width * height;
        var px = new double[n];
        var py = new double[n];
        var pxx = new double[n];
        var pyy = new double[n];
        var pxy = new double[n];
        for (int i = 0; i < n; i++)
        {
            double a = x[i], b = y[i];
            px[i] = a;
            py[i] = b;
            pxx[i] = a * a;
            pyy[i] = b * b;
            pxy[i] = a * b;
        }

        var scratch = new double[n];
        foreach (double[] plane in new[] { px, py, pxx, pyy, pxy })
        {
            GaussianFilter(plane, scratch, width, height);
        }

        double total = 0;
        for (int row = Radius; row < height - Radius; row++)
        {
            for (int col = Radius; col < width - Radius; col++)
            {
                int i = (row * width) + col;
                double ux = px[i], uy = py[i];
                double vx = pxx[i] - (ux * ux), vy = pyy[i] - (uy * uy), vxy = pxy[i] - (ux * uy);
                total += ((2 * ux * uy) + c1) * ((2 * vxy) + c2) / (((ux * ux) + (uy * uy) + c1) * (vx + vy + c2));
            }
        }

        return total / ((double)(width - (2 * Radius)) * (height - (2 * Radius)));
    }

    /// <summary>Separable Gaussian filter in place (rows, then columns), scipy's 'reflect' border.</summary>
    private static void GaussianFilter(double[] plane, double[] scratch, int width, int height)
    {
        var line = new double[Math.Max(width, height) + (2 * Radius)];
        for (int row = 0; row < height; row++)
        {
            FilterLine(plane.AsSpan(row * width, width), line, scratch.AsSpan(row * width, width));
        }

        int vectorWidth = Vector<double>.Count;
        var acc = new double[width];
        for (int row = 0; row < height; row++)
        {
            Array.Clear(acc);
            for (int k = -Radius; k <= Radius; k++)
            {
                int source = SymmetricIndex(row + k, height);
                double w = Window[k + Radius];
                ReadOnlySpan<double> src = scratch.AsSpan(source * width, width);
                int col = 0;
                for (; col <= width - vectorWidth; col += vectorWidth)
                {
                    var sum = new Vector<double>(acc.AsSpan(col)) + (new Vector<double>(src[col..]) * w);
                    sum.CopyTo(acc.AsSpan(col));
                }

                for (; col < width; col++)
                {
                    acc[col] += src[col] * w;
                }
            }

            acc.CopyTo(plane.AsSpan(row * width, width));
        }
    }

    private static void FilterLine(ReadOnlySpan<double> source, double[] padded, Span<double> destination)
    {
        int n = source.Length;
        for (int i = 0; i < n + (2 * Radius); i++)
        {
            padded[i] = source[SymmetricIndex(i - Radius, n)];
        }

        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int k = 0; k <= 2 * Radius; k++)
            {
                sum += padded[i + k] * Window[k];
            }

            destination[i] = sum;
        }
    }

    /// <summary>scipy.ndimage 'reflect' (<c>d c b a | a b c d | d c b a</c>).</summary>
    private static int SymmetricIndex(int position, int length)
    {
        int period = 2 * length;
        position %= period;
        if (position < 0)
        {
            position += period;
        }

        return position < length ? position : period - 1 - position;
    }

    private static double[] MakeWindow()
    {
        var w = new double[(2 * Radius) + 1];
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
