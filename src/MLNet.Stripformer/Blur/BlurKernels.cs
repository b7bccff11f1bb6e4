namespace MLNet.Stripformer.Blur;

/// <summary>Named kernel sets.</summary>
public static class BlurKernels
{
    /// <summary>Name of the <see cref="ReportGaussians"/> preset in kernel lists (<c>report</c>).</summary>
    public const string ReportPresetName = "report";

    /// <summary>The report's three Gaussian kernels: (3, 0.3), (7, 1.0) and (11, 1.6) as (size, sigma).</summary>
    public static IReadOnlyList<BlurKernel> ReportGaussians { get; } =
        [BlurKernel.Gaussian(3, 0.3), BlurKernel.Gaussian(7, 1.0), BlurKernel.Gaussian(11, 1.6)];

    /// <summary>
    /// Parses a list of kernel specs separated by <c>;</c> or <c>|</c>; the word <c>report</c> stands for
    /// <see cref="ReportGaussians"/>.
    /// </summary>
    /// <param name="specs">For example <c>report</c> or <c>gaussian:5:1;motion:9:45</c>.</param>
    public static IReadOnlyList<BlurKernel> ParseList(string specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var kernels = new List<BlurKernel>();
        foreach (string part in specs.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (string.Equals(part, ReportPresetName, StringComparison.OrdinalIgnoreCase))
            {
                kernels.AddRange(ReportGaussians);
            }
            else
            {
                kernels.Add(BlurKernel.Parse(part));
            }
        }

        return kernels.Count > 0 ? kernels : throw new FormatException("The kernel list is empty.");
    }
}
