using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Baselines;

/// <summary>
/// Unsharp masking told the true blur: <c>x + amount (x - k * x)</c>, with <c>k</c> the kernel the image was blurred
/// with (float convolution, reflect-101 borders), clipped to [0, 1]. A classical baseline for the quality report.
/// </summary>
internal static class UnsharpMask
{
    /// <summary>Sharpens an image blurred by <paramref name="kernel"/>.</summary>
    /// <param name="image">The blurred image.</param>
    /// <param name="kernel">The blur kernel it was made with.</param>
    /// <param name="amount">How much of the detail layer to add back; positive and finite.</param>
    public static RgbImage Apply(RgbImage image, BlurKernel kernel, double amount)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(kernel);
        if (!(amount > 0) || !double.IsFinite(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "The unsharp-mask amount must be positive and finite.");
        }

        var result = new RgbImage(image.Width, image.Height);
        var blurred = new float[image.PlaneLength];
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            FloatConvolution.ConvolvePlane(image.Plane(c), blurred, image.Width, image.Height, kernel);
            var source = image.Plane(c);
            var target = result.Plane(c);
            for (int i = 0; i < target.Length; i++)
            {
                target[i] = (float)Math.Clamp(source[i] + (amount * (source[i] - blurred[i])), 0, 1);
            }
        }

        return result;
    }
}
