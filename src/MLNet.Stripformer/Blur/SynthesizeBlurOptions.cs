using MLNet.Stripformer.Degradations;

namespace MLNet.Stripformer.Blur;

/// <summary>Options of <see cref="SynthesizeBlurEstimator"/>.</summary>
public sealed class SynthesizeBlurOptions
{
    /// <summary>The column to write the blurred image to (default "Blurred").</summary>
    public string OutputColumnName { get; set; } = "Blurred";

    /// <summary>The sharp image column (default "Image").</summary>
    public string InputColumnName { get; set; } = "Image";

    /// <summary>The kernels. One: every row gets it. Several: each row gets one of them, picked reproducibly from
    /// <see cref="Seed"/> and the row's pixels. None: no blur (then <see cref="Degradations"/> must be set).
    /// Default: <see cref="BlurKernels.ReportGaussians"/>.</summary>
    public IReadOnlyList<BlurKernel> Kernels { get; set; } = BlurKernels.ReportGaussians;

    /// <summary>Degradations applied after the blur (noise, JPEG, random blur kernels from ranges), drawn per row from
    /// <see cref="Seed"/> and the row's pixels; null for none.</summary>
    public DegradationChain? Degradations { get; set; }

    /// <summary>OpenCV-exact 8-bit arithmetic (default) or float.</summary>
    public BlurArithmetic Arithmetic { get; set; } = BlurArithmetic.EightBit;

    /// <summary>Seed of the per-row kernel choice; when null it is drawn from the <c>MLContext</c>'s seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputColumnName))
        {
            throw new ArgumentException($"{nameof(OutputColumnName)} must not be empty.", nameof(OutputColumnName));
        }

        if (string.IsNullOrWhiteSpace(InputColumnName))
        {
            throw new ArgumentException($"{nameof(InputColumnName)} must not be empty.", nameof(InputColumnName));
        }

        if (Kernels is null || (Kernels.Count == 0 && Degradations is null) || Kernels.Any(k => k is null))
        {
            throw new ArgumentException($"{nameof(Kernels)} must hold at least one kernel (or {nameof(Degradations)} be set) and no nulls.", nameof(Kernels));
        }

        if (!Enum.IsDefined(Arithmetic))
        {
            throw new ArgumentOutOfRangeException(nameof(Arithmetic), Arithmetic, $"{nameof(Arithmetic)} is not a known {nameof(BlurArithmetic)}.");
        }
    }
}
