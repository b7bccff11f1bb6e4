namespace MLNet.Stripformer.Orleans;

/// <summary>A deblurring worker. Workers are plain grains keyed by a number, so that the runtime spreads their
/// activations over the silos and moves them when a silo dies; each uses its silo's one scoring session.</summary>
[Alias("MLNet.Stripformer.Orleans.IDeblurWorkerGrain")]
public interface IDeblurWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>Deblurs one image unless its output exists (idempotent: a retried job writes nothing twice).</summary>
    /// <param name="job">The image and its output.</param>
    [Alias("Deblur")]
    Task<DeblurOutcome> Deblur(DeblurJob job);
}
