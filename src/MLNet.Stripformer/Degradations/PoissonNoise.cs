using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Degradations;

/// <summary><c>poisson:MIN-MAX</c>: shot noise. Full white collects a number of photons drawn per image from the
/// range; each sample becomes <c>Poisson(v * photons) / photons</c> (a normal approximation above 64 expected
/// photons), clamped and rounded to 8 bits. Fewer photons: noisier, darker areas relatively more so.</summary>
public sealed class PoissonNoise : Degradation
{
    private readonly ParameterRange _photons;

    internal PoissonNoise(ParameterRange photons) => _photons = photons;

    /// <inheritdoc/>
    public override string Spec => "poisson:" + _photons.Spec;

    /// <inheritdoc/>
    public override RgbImage Apply(RgbImage image, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        double photons = _photons.Draw(random);
        float[] samples = (float[])image.Pixels.Clone();
        for (int i = 0; i < samples.Length; i++)
        {
            double expected = Math.Max(0, samples[i]) * photons;
            samples[i] = (float)(Draw(expected, random) / photons);
        }

        ToEightBit(samples);
        return new RgbImage(image.Width, image.Height, samples);
    }

    private static double Draw(double expected, Random random)
    {
        if (expected > 64)
        {
            return Math.Max(0, Math.Round(expected + (Math.Sqrt(expected) * GaussianNoise.StandardNormal(random))));
        }

        // Knuth's method: multiply uniforms until the product falls below e^-expected.
        double limit = Math.Exp(-expected), product = random.NextDouble();
        int count = 0;
        while (product > limit)
        {
            product *= random.NextDouble();
            count++;
        }

        return count;
    }
}
