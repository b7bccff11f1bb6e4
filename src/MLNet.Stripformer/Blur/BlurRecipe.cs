using System.Collections.Concurrent;
using System.Globalization;

namespace MLNet.Stripformer.Blur;

/// <summary>
/// Everything a blur transform needs per row, in one line of text that travels inside saved models:
/// <c>arithmetic=EightBit;seed=42;kernels=gaussian:3:0.3|gaussian:7:1|gaussian:11:1.6</c>. With one kernel every
/// row gets it; with several, each row gets the kernel picked by a hash of the seed and the row's pixels, so the same
/// seed and image always give the same output, in any process.
/// </summary>
internal sealed record BlurRecipe(IReadOnlyList<BlurKernel> Kernels, BlurArithmetic Arithmetic, int Seed)
{
    private static readonly ConcurrentDictionary<string, BlurRecipe> Parsed = new(StringComparer.Ordinal);

    public string Text =>
        $"arithmetic={Arithmetic};seed={Seed.ToString(CultureInfo.InvariantCulture)};kernels={string.Join('|', Kernels.Select(k => k.Spec))}";

    public static BlurRecipe Parse(string text) => Parsed.GetOrAdd(text, ParseCore);

    public BlurKernel KernelFor(ReadOnlySpan<float> packedImage) =>
        Kernels.Count == 1 ? Kernels[0] : Kernels[(int)(ContentHash.Compute(packedImage, (uint)Seed) % (ulong)Kernels.Count)];

    private static BlurRecipe ParseCore(string text)
    {
        var fields = text.Split(';').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : string.Empty);
        if (!fields.TryGetValue("arithmetic", out string? arithmetic) || !fields.TryGetValue("seed", out string? seed) || !fields.TryGetValue("kernels", out string? kernels))
        {
            throw new FormatException($"'{text}' is not a blur recipe.");
        }

        return new BlurRecipe(
            BlurKernels.ParseList(kernels),
            Enum.Parse<BlurArithmetic>(arithmetic),
            int.Parse(seed, NumberStyles.Integer, CultureInfo.InvariantCulture));
    }
}
