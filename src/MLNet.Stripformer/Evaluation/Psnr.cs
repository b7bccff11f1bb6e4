using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Evaluation;

/// <summary>
/// Peak signal-to-noise ratio, <c>10 log10(MAX^2 / MSE)</c> over all samples of all channels, as scikit-image's
/// <c>peak_signal_noise_ratio</c>. Samples are in [0, 1], so MAX is 1 (the same value as MAX 255 on the 8-bit
/// levels). Identical images give <see cref="double.PositiveInfinity"/>.
/// </summary>
public static class Psnr
{
    /// <summary>The PSNR of a candidate against a reference, in decibels.</summary>
    /// <param name="reference">The ground truth.</param>
    /// <param name="candidate">The image to score.</param>
    /// <exception cref="ArgumentException">The sizes differ.</exception>
    public static double Compute(RgbImage reference, RgbImage candidate)
    {
        ImageSizes.RequireSame(reference, candidate, "reference", "candidate");
        return FromMse(MeanSquaredError(reference.Pixels, candidate.Pixels));
    }

    /// <summary>PSNR in decibels from a mean squared error on [0, 1] samples.</summary>
    /// <param name="mse">The mean squared error.</param>
    public static double FromMse(double mse) => mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(1 / mse);

    /// <summary>The mean squared difference of two equally long sample arrays.</summary>
    /// <param name="a">First samples.</param>
    /// <param name="b">Second samples.</param>
    public static double MeanSquaredError(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException($"Cannot compare {a.Length} samples with {b.Length}.");
        }

        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = (double)a[i] - b[i];
            sum += d * d;
        }

        return sum / a.Length;
    }
}
