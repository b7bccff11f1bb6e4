using Microsoft.ML;
using MLNet.Stripformer.Evaluation;

namespace MLNet.Stripformer;

/// <summary>
/// The deblurring catalog of an <see cref="MLContext"/>, reached with <c>mlContext.Deblurring()</c>: evaluation now,
/// trainers as the library grows. It keeps the context, as ML.NET's own catalogs do.
/// </summary>
public sealed class DeblurringCatalog
{
    internal DeblurringCatalog(MLContext context)
    {
        Context = context;
    }

    /// <summary>The context this catalog belongs to.</summary>
    public MLContext Context { get; }

    /// <summary>
    /// Mean PSNR and SSIM of restored images against their ground truth, with per-image values. Both columns hold
    /// packed images; a text column named <paramref name="pathColumnName"/>, when present, names each row's file.
    /// </summary>
    /// <param name="data">Scored data.</param>
    /// <param name="labelColumnName">The ground-truth (sharp) image column.</param>
    /// <param name="scoreColumnName">The restored image column.</param>
    /// <param name="pathColumnName">Optional text column naming each row's file in the results and errors.</param>
    /// <exception cref="ArgumentException">A column is missing or not an image, or two images differ in size.</exception>
    public DeblurringMetrics Evaluate(IDataView data, string labelColumnName = "Sharp", string scoreColumnName = "Deblurred", string? pathColumnName = "Path") =>
        DeblurringEvaluator.Evaluate(data, labelColumnName, scoreColumnName, pathColumnName);
}
