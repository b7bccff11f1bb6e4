using Microsoft.ML;
using MLNet.Stripformer.Degradations;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Persistence;

namespace MLNet.Stripformer.Blur;

/// <summary>Blurs the images of a column (see <see cref="SynthesizeBlurEstimator"/>). Saves with
/// <c>mlContext.Model.Save</c> and loads in a fresh process with identical output.</summary>
public sealed class SynthesizeBlurTransformer : DelegatingTransformer
{
    internal SynthesizeBlurTransformer(ITransformer inner, string inputColumnName, IReadOnlyList<BlurKernel> kernels, BlurArithmetic arithmetic, int seed, DegradationChain? degradations)
        : base(inner)
    {
        Degradations = degradations;
        InputColumnName = inputColumnName;
        Kernels = kernels;
        Arithmetic = arithmetic;
        Seed = seed;
    }

    /// <summary>The sharp image column.</summary>
    public string InputColumnName { get; }

    /// <summary>The kernels.</summary>
    public IReadOnlyList<BlurKernel> Kernels { get; }

    /// <summary>The arithmetic.</summary>
    public BlurArithmetic Arithmetic { get; }

    /// <summary>The seed of the per-row kernel choice and degradation draws.</summary>
    public int Seed { get; }

    /// <summary>The degradations after the blur, or null.</summary>
    public DegradationChain? Degradations { get; }

    /// <inheritdoc/>
    private protected override void ValidateInput(DataViewSchema inputSchema) =>
        ImageColumnLayouts.Of(inputSchema, InputColumnName, "input");
}
