using Microsoft.ML;

namespace MLNet.Stripformer;

/// <summary>
/// The trainers of the deblurring catalog (<c>mlContext.Deblurring().Trainers</c>). Trainer packages add extension
/// methods here: <c>MLNet.Stripformer.Torch</c> adds <c>Stripformer(options)</c>.
/// </summary>
public sealed class DeblurringTrainers
{
    internal DeblurringTrainers(MLContext context)
    {
        Context = context;
    }

    /// <summary>The context the trainers belong to (its seed, GPU device id and CPU fallback are used).</summary>
    public MLContext Context { get; }
}
