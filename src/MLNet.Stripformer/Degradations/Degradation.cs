using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Degradations;

/// <summary>
/// One way a photo gets worse between the scene and the file, with its strength drawn per image from a range:
/// <c>noise:MIN-MAX</c> (Gaussian sensor noise, sigma in grey levels of 255), <c>poisson:MIN-MAX</c> (shot noise,
/// photons at full white), <c>jpeg:MIN-MAX</c> (JPEG re-compression at a quality), <c>gaussian:MIN-MAX</c>
/// (out-of-focus Gaussian blur, sigma in pixels, OpenCV's kernel), <c>motion:MIN-MAX</c> (linear motion, length in
/// pixels, any angle), <c>disk:MIN-MAX</c> (defocus disk, radius in pixels) or <c>none</c>. A single number stands
/// for a range of one value. Every degradation returns 8-bit samples, as a camera file holds.
/// </summary>
public abstract class Degradation
{
    /// <summary>The textual form, which <see cref="Parse"/> turns back into an equal degradation.</summary>
    public abstract string Spec { get; }

    /// <summary>Degrades an image.</summary>
    /// <param name="image">The image (not changed).</param>
    /// <param name="random">Draws the strength (and anything else random); the same draws give the same output.</param>
    /// <returns>A new image of the same size.</returns>
    public abstract RgbImage Apply(RgbImage image, Random random);

    /// <inheritdoc/>
    public override string ToString() => Spec;

    /// <summary>Parses one degradation (see the class summary for the forms).</summary>
    /// <param name="spec">For example <c>jpeg:50-95</c>.</param>
    /// <exception cref="FormatException">The text is not a degradation, or its range is invalid; the message says which.</exception>
    public static Degradation Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string[] parts = spec.Trim().Split(':');
        string kind = parts[0].ToLowerInvariant();
        if (kind == "none" && parts.Length == 1)
        {
            return NoDegradation.Instance;
        }

        if (parts.Length != 2)
        {
            throw new FormatException(
                $"'{spec}' is not a degradation: expected noise:MIN-MAX, poisson:MIN-MAX, jpeg:MIN-MAX, gaussian:MIN-MAX, motion:MIN-MAX, disk:MIN-MAX or none.");
        }

        var range = ParameterRange.Parse(parts[1], spec);
        return kind switch
        {
            "noise" => new GaussianNoise(range.Require(0, 255, spec, "noise sigma (grey levels)")),
            "poisson" => new PoissonNoise(range.Require(1, 1e6, spec, "photons at white")),
            "jpeg" => new JpegRecompression(range.Require(1, 100, spec, "JPEG quality")),
            "gaussian" or "motion" or "disk" => new RandomBlur(kind, range.Require(kind == "gaussian" ? 0.05 : 0.5, 100, spec, kind + " strength")),
            _ => throw new FormatException($"'{spec}' is not a degradation: unknown kind '{parts[0]}'."),
        };
    }

    /// <summary>Quantises samples to 8-bit levels, clamped to [0, 1].</summary>
    /// <param name="samples">The samples, changed in place.</param>
    private protected static void ToEightBit(Span<float> samples)
    {
        foreach (ref float value in samples)
        {
            value = Math.Clamp(value, 0f, 1f);
        }

        SampleQuantizer.RoundTo8Bit(samples);
    }
}
