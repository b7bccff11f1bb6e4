using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Degradations;

/// <summary><c>noise:MIN-MAX</c>: additive Gaussian noise, independent per sample, its sigma (in grey levels of
/// 255) drawn per image from the range; the result is clamped and rounded to 8 bits.</summary>
public sealed class GaussianNoise : Degradation
{
    private readonly ParameterRange _sigma;

    internal GaussianNoise(ParameterRange sigma) => _sigma = sigma;

    /// <inheritdoc/>
    public override string Spec => "noise:" + _sigma.Spec;

    /// <inheritdoc/>
    public override RgbImage Apply(RgbImage image, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        float sigma = (float)(_sigma.Draw(random) / 255);
        float[] samples = (float[])image.Pixels.Clone();
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] += sigma * (float)StandardNormal(random);
        }

        ToEightBit(samples);
        return new RgbImage(image.Width, image.Height, samples);
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    internal static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
