using Microsoft.ML;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Degradations;
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
        Trainers = new DeblurringTrainers(context);
    }

    /// <summary>The deblurring trainers (see <see cref="DeblurringTrainers"/>).</summary>
    public DeblurringTrainers Trainers { get; }

    /// <summary>The context this catalog belongs to.</summary>
    public MLContext Context { get; }

    /// <summary>
    /// Expands sharp images into all (image, kernel) pairs, as the report prepared its data (see <see cref="BlurPairs"/>).
    /// </summary>
    /// <param name="sharpImages">Data with a packed image column and optionally a text path column.</param>
    /// <param name="kernels">The kernels (default: the report's three Gaussians).</param>
    /// <param name="imageColumnName">The sharp image column.</param>
    /// <param name="pathColumnName">A text column naming each image.</param>
    /// <param name="degradations">Noise, JPEG and random blur applied after each kernel, drawn per pair (see
    /// <see cref="BlurPairs.Expand"/>); null for none.</param>
    /// <param name="seed">The seed of the degradation draws.</param>
    /// <returns>Rows with columns Path, Kernel, Sharp and Blurred.</returns>
    public IDataView MakeBlurPairs(
        IDataView sharpImages, IReadOnlyList<BlurKernel>? kernels = null, string imageColumnName = "Image", string pathColumnName = "Path", DegradationChain? degradations = null, int seed = 0) =>
        BlurPairs.Expand(Context, sharpImages, kernels, imageColumnName, pathColumnName, degradations: degradations, seed: seed);

    /// <summary>
    /// Mean PSNR and SSIM of restored images against their ground truth, with per-image values. Both columns hold
    /// packed images; a text column named <paramref name="pathColumnName"/>, when present, names each row's file.
    /// </summary>
    /// <param name="data">Scored data.</param>
    /// <param name="labelColumnName">The ground-truth (sharp) image column.</param>
    /// <param name="scoreColumnName">The restored image column.</param>
    /// <param name="pathColumnName">Optional text column naming each row's file in the results and errors.</param>
    /// <param name="progress">Told the number of rows done after each row.</param>
    /// <param name="cancellationToken">Stops the evaluation between rows.</param>
    /// <exception cref="ArgumentException">A column is missing or not an image, or two images differ in size.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public DeblurringMetrics Evaluate(
        IDataView data,
        string labelColumnName = "Sharp",
        string scoreColumnName = "Deblurred",
        string? pathColumnName = "Path",
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default) =>
        DeblurringEvaluator.Evaluate(data, labelColumnName, scoreColumnName, pathColumnName, progress, cancellationToken);
}
