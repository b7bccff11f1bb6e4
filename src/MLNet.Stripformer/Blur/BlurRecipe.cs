using System.Collections.Concurrent;
using System.Globalization;
using MLNet.Stripformer.Degradations;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Blur;

/// <summary>
/// Everything a blur transform needs per row, in one line of text that travels inside saved models:
/// <c>arithmetic=EightBit;seed=42;kernels=gaussian:3:0.3|gaussian:7:1|gaussian:11:1.6;degrade=noise:0-3&gt;jpeg:60-98</c>.
/// With one kernel every row gets it; with several, each row gets the kernel picked by a hash of the seed and the
/// row's pixels; with none, the image is not blurred. The degradations (optional) follow the blur, with draws seeded
/// by the same hash, so the same seed and image always give the same output, in any process.
/// </summary>
internal sealed record BlurRecipe(IReadOnlyList<BlurKernel> Kernels, BlurArithmetic Arithmetic, int Seed, DegradationChain? Degradations = null)
{
    private static readonly ConcurrentDictionary<string, BlurRecipe> Parsed = new(StringComparer.Ordinal);

    public string Text =>
        $"arithmetic={Arithmetic};seed={Seed.ToString(CultureInfo.InvariantCulture)};kernels={string.Join('|', Kernels.Select(k => k.Spec))}" +
        (Degradations is null ? string.Empty : $";degrade={Degradations.CompactSpec}");

    public static BlurRecipe Parse(string text) => Parsed.GetOrAdd(text, ParseCore);

    public BlurKernel? KernelFor(ReadOnlySpan<float> packedImage) =>
        Kernels.Count switch
        {
            0 => null,
            1 => Kernels[0],
            _ => Kernels[(int)(ContentHash.Compute(packedImage, (uint)Seed) % (ulong)Kernels.Count)],
        };

    /// <summary>The row's image blurred (when there are kernels) and degraded (when there are degradations).</summary>
    public RgbImage Apply(RgbImage image, ReadOnlySpan<float> packedImage)
    {
        var blurred = KernelFor(packedImage) is { } kernel ? ImageBlur.Apply(image, kernel, Arithmetic) : image;
        return Degradations is null ? blurred : Degradations.Apply(blurred, DegradationChain.SeedFor(packedImage, Seed));
    }

    private static BlurRecipe ParseCore(string text)
    {
        var fields = text.Split(';').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : string.Empty);
        if (!fields.TryGetValue("arithmetic", out string? arithmetic) || !fields.TryGetValue("seed", out string? seed) || !fields.TryGetValue("kernels", out string? kernels))
        {
            throw new FormatException($"'{text}' is not a blur recipe.");
        }

        return new BlurRecipe(
            kernels.Length == 0 ? [] : BlurKernels.ParseList(kernels),
            Enum.Parse<BlurArithmetic>(arithmetic),
            int.Parse(seed, NumberStyles.Integer, CultureInfo.InvariantCulture),
            fields.TryGetValue("degrade", out string? degrade) ? DegradationChain.Parse(degrade) : null);
    }
}
