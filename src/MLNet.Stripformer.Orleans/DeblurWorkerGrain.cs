using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Orleans;

/// <summary>Runs jobs on the silo's <see cref="ImageDeblurrer"/>; the output is written atomically (temporary file,
/// then rename), so a silo that dies mid-write leaves no partial file, and an existing output is left as it is.</summary>
internal sealed class DeblurWorkerGrain(ImageDeblurrer deblurrer, ILocalSiloDetails silo) : Grain, IDeblurWorkerGrain
{
    /// <inheritdoc/>
    public Task<DeblurOutcome> Deblur(DeblurJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        string name = silo.SiloAddress.ToString();
        if (File.Exists(job.Output))
        {
            return Task.FromResult(new DeblurOutcome(job, false, name));
        }

        // Off the grain's scheduler: the scoring blocks for seconds and uses every core of the silo.
        return Task.Run(() =>
        {
            var result = deblurrer.Deblur(ImageDecoder.Decode(job.Input));
            AtomicFile.RemoveStaleTemporaries(Path.GetDirectoryName(Path.GetFullPath(job.Output))!);
            ImageEncoder.Save(result, job.Output);
            return new DeblurOutcome(job, true, name);
        });
    }
}
