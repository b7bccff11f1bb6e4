using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Degradations;

/// <summary>
/// Degradations applied in order, each step one of several alternatives: the text
/// <c>gaussian:0.3-2.5|motion:3-15|disk:1-4|none;noise:0-3;jpeg:60-98</c> blurs with one of four choices, then adds
/// noise, then re-compresses as JPEG. Steps are separated by <c>;</c> (or <c>&gt;</c>), alternatives by <c>|</c> (or
/// <c>,</c>); each image picks its alternatives and strengths with its own random draws, so the same seed gives the
/// same output in any process.
/// </summary>
public sealed class DegradationChain
{
    private DegradationChain(IReadOnlyList<IReadOnlyList<Degradation>> steps) => Steps = steps;

    /// <summary>The steps, each a list of alternatives.</summary>
    public IReadOnlyList<IReadOnlyList<Degradation>> Steps { get; }

    /// <summary>The text <see cref="Parse"/> reads, with <c>;</c> and <c>|</c>.</summary>
    public string Spec => string.Join(';', Steps.Select(step => string.Join('|', step.Select(d => d.Spec))));

    /// <summary>The same text with <c>&gt;</c> and <c>,</c>, for places where <c>;</c> and <c>|</c> are taken.</summary>
    internal string CompactSpec => string.Join('>', Steps.Select(step => string.Join(',', step.Select(d => d.Spec))));

    /// <summary>Parses a chain.</summary>
    /// <param name="spec">For example <c>jpeg:50-95;noise:0-3</c>.</param>
    /// <exception cref="FormatException">A step is empty or not a degradation; the message names it.</exception>
    public static DegradationChain Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var steps = spec.Split([';', '>'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(step => (IReadOnlyList<Degradation>)step.Split(['|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Degradation.Parse).ToList())
            .ToList();
        return steps.Count > 0 && steps.All(s => s.Count > 0) ? new DegradationChain(steps) : throw new FormatException($"'{spec}' holds no degradation.");
    }

    /// <summary>Degrades an image with the draws of one seed.</summary>
    /// <param name="image">The image.</param>
    /// <param name="seed">The image's seed (see <see cref="SeedFor"/>).</param>
    public RgbImage Apply(RgbImage image, int seed)
    {
        ArgumentNullException.ThrowIfNull(image);
        var random = new Random(seed);
        foreach (var alternatives in Steps)
        {
            image = alternatives[random.Next(alternatives.Count)].Apply(image, random);
        }

        return image;
    }

    /// <summary>A seed for one image: a hash of its samples, the transform's seed and a slot (several degraded
    /// copies of one image), the same on every machine.</summary>
    /// <param name="packedImage">The image's packed samples.</param>
    /// <param name="seed">The transform's seed.</param>
    /// <param name="slot">Which copy.</param>
    public static int SeedFor(ReadOnlySpan<float> packedImage, int seed, int slot = 0)
    {
        ulong hash = ContentHash.Compute(packedImage, unchecked((uint)seed)) + (unchecked((ulong)slot) * 0x9E3779B97F4A7C15UL);
        return unchecked((int)(hash ^ (hash >> 32)));
    }
}
