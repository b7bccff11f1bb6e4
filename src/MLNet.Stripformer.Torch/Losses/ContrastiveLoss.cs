using MLNet.Stripformer.Torch.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Losses;

/// <summary>
/// The contrastive loss of the reference: with a frozen feature network V, mask = 1 where the channel mean of
/// <c>|sharp - blurred|</c> exceeds 0.01, downsampled to the features' size (bilinear);
/// <c>d_ap = mean_c |V(pred) - V(sharp)|</c>, <c>d_an = mean_c |V(pred) - V(blurred)|</c>;
/// <c>L = sum(mask * d_ap / (d_an + 1e-7)) / sum(mask)</c>. Unlike the reference, an empty mask gives 0, not NaN.
/// </summary>
public static class ContrastiveLoss
{
    /// <summary>The loss (a scalar, float32).</summary>
    /// <param name="features">The frozen feature network (its output has 1/4 of the input's resolution for VGG19 to relu3_1).</param>
    /// <param name="prediction">The restored images.</param>
    /// <param name="sharp">The sharp images (positives).</param>
    /// <param name="blurred">The blurred inputs (negatives).</param>
    public static Tensor Compute(Module<Tensor, Tensor> features, Tensor prediction, Tensor sharp, Tensor blurred)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var scope = NewDisposeScope();
        var p = prediction.to(ScalarType.Float32);
        var s = sharp.to(ScalarType.Float32);
        var b = blurred.to(ScalarType.Float32);
        var fp = features.forward(p);
        Tensor fs, fb;
        using (no_grad())
        {
            fs = features.forward(s);
            fb = features.forward(b);
        }

        var mask = ((s - b).abs().mean(new long[] { 1 }, keepdim: true).GreaterThan(0.01)).to(ScalarType.Float32);
        mask = functional.interpolate(mask, size: [fp.shape[2], fp.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);
        var dap = (fp - fs).abs().mean(new long[] { 1 }, keepdim: true);
        var dan = (fp - fb).abs().mean(new long[] { 1 }, keepdim: true);
        var total = mask.sum();
        var loss = total.item<float>() > 0 ? (mask * dap / dan.Plus(1e-7)).sum() / total : zeros(Array.Empty<long>(), device: p.device);
        return loss.MoveToOuterDisposeScope();
    }
}
