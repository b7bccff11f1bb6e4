using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Evaluation;

/// <summary>PSNR and SSIM of one pair of images.</summary>
public static class ImageComparison
{
    /// <summary>Smallest width and height for which SSIM is defined (the window size).</summary>
    public const int MinSsimSize = 11;

    /// <summary>Computes PSNR and SSIM (NaN SSIM for images smaller than <see cref="MinSsimSize"/>).</summary>
    /// <param name="reference">The ground truth.</param>
    /// <param name="candidate">The image to score.</param>
    /// <param name="referenceName">Names the reference in the size-mismatch error.</param>
    /// <param name="candidateName">Names the candidate in the size-mismatch error.</param>
    /// <exception cref="ArgumentException">The sizes differ; the message names both images.</exception>
    public static (double Psnr, double Ssim) Compare(RgbImage reference, RgbImage candidate, string referenceName, string candidateName)
    {
        ImageSizes.RequireSame(reference, candidate, referenceName, candidateName);
        double psnr = Psnr.Compute(reference, candidate);
        double ssim = reference.Width >= MinSsimSize && reference.Height >= MinSsimSize ? Ssim.Compute(reference, candidate) : double.NaN;
        return (psnr, ssim);
    }
}
