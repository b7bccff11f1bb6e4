using MLNet.Stripformer.Torch.Runtime;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Losses;

/// <summary>
/// PSNR loss: the mean over the batch of <c>10 log10(mse_i + eps)</c>, each image's negative PSNR in dB (peak 1), where
/// <c>eps = 10^(-ceiling / 10)</c> caps what one image can earn at <c>ceiling</c> dB.
/// Its gradient weights each image by <c>1 / mse_i</c>, so smooth or near-sharp crops, whose errors are small, count as
/// much as heavily blurred ones: the quantity minimised is the mean of per-image PSNR that the quality report measures,
/// where the plain mean squared error is dominated by the most blurred crops.
/// </summary>
public static class PsnrLoss
{
    /// <summary>
    /// The default ceiling, 60 dB (eps = 1e-6): about the error of rounding to 8 bits ((1/255)^2 / 12), so errors below
    /// what an 8-bit result can show earn no extra weight, and a perfect output keeps a finite loss (-60 dB).
    /// </summary>
    public const double DefaultCeilingDb = 60;

    /// <summary>The loss in dB (a scalar, float32; lower is better).</summary>
    /// <param name="prediction">The restored images, [N, C, H, W].</param>
    /// <param name="target">The sharp images, same shape.</param>
    /// <param name="ceilingDb">
    /// The PSNR at which an image stops earning weight: the gradient weights each image by <c>1 / (mse_i + eps)</c>, so a
    /// lower ceiling keeps near-sharp crops from outweighing blurred ones once they are better than it.
    /// </param>
    public static Tensor Compute(Tensor prediction, Tensor target, double ceilingDb = DefaultCeilingDb)
    {
        if (!double.IsFinite(ceilingDb) || ceilingDb <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ceilingDb), ceilingDb, "The PSNR loss's ceiling must be a positive, finite number of dB.");
        }

        double epsilon = Math.Pow(10, -ceilingDb / 10);
        using var scope = NewDisposeScope();
        var difference = prediction.to(ScalarType.Float32) - target.to(ScalarType.Float32);
        var perImage = (difference * difference).mean([1L, 2L, 3L]);
        return perImage.Plus(epsilon).log10().Times(10.0).mean().MoveToOuterDisposeScope();
    }
}
