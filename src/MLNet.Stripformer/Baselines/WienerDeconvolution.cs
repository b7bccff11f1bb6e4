using System.Numerics;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Baselines;

/// <summary>
/// Wiener deconvolution told the true blur kernel, as scikit-image's <c>restoration.wiener</c> computes it: per
/// channel, <c>X = conj(H) Y / (|H|^2 + balance |L|^2)</c> with H the kernel's and L the 3x3 Laplacian's transfer
/// functions on the image grid, then clipped to [0, 1] (scikit-image clips to [-1, 1]; the images here are [0, 1]).
/// The transform treats the image as periodic; with <c>margin</c> 0 that is scikit-image's result exactly (ringing
/// where opposite borders differ), a positive margin first extends the image by mirroring (reflect-101) and crops
/// the result, which removes most of that ringing. A classical baseline for the quality report.
/// </summary>
internal static class WienerDeconvolution
{
    private static readonly float[] Laplacian = [0, -1, 0, -1, 4, -1, 0, -1, 0];

    /// <summary>Deconvolves an image blurred by <paramref name="kernel"/>.</summary>
    /// <param name="image">The blurred image.</param>
    /// <param name="kernel">The blur kernel it was made with.</param>
    /// <param name="balance">Regularisation: larger is smoother and rings less; must be positive and finite.</param>
    /// <param name="margin">Pixels of mirrored border added on every side before the transform (0: none).</param>
    public static RgbImage Apply(RgbImage image, BlurKernel kernel, double balance, int margin = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(kernel);
        if (!(balance > 0) || !double.IsFinite(balance))
        {
            throw new ArgumentOutOfRangeException(nameof(balance), balance, "The Wiener balance must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        if (margin > 0)
        {
            return ImageCrop.Region(Apply(Mirror(image, margin), kernel, balance), margin, margin, image.Width, image.Height);
        }

        var fft = new Fft2D(image.Width, image.Height);
        var blur = fft.TransferFunction(kernel.Weights, kernel.Width, kernel.Height);
        var regulariser = fft.TransferFunction(Laplacian, 3, 3);
        var filter = new Complex[blur.Length];
        for (int i = 0; i < filter.Length; i++)
        {
            double reg = regulariser[i].Magnitude;
            filter[i] = Complex.Conjugate(blur[i]) / ((blur[i].Magnitude * blur[i].Magnitude) + (balance * reg * reg));
        }

        var result = new RgbImage(image.Width, image.Height);
        var plane = new Complex[image.PlaneLength];
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            var source = image.Plane(c);
            for (int i = 0; i < plane.Length; i++)
            {
                plane[i] = source[i];
            }

            fft.Transform(plane, inverse: false);
            for (int i = 0; i < plane.Length; i++)
            {
                plane[i] *= filter[i];
            }

            fft.Transform(plane, inverse: true);
            var target = result.Plane(c);
            for (int i = 0; i < plane.Length; i++)
            {
                target[i] = (float)Math.Clamp(plane[i].Real, 0, 1);
            }
        }

        return result;
    }

    private static RgbImage Mirror(RgbImage image, int margin)
    {
        int width = image.Width + (2 * margin), height = image.Height + (2 * margin);
        var result = new RgbImage(width, height);
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            var source = image.Plane(c);
            var target = result.Plane(c);
            for (int y = 0; y < height; y++)
            {
                int sy = BorderIndex.Reflect101(y - margin, image.Height);
                for (int x = 0; x < width; x++)
                {
                    target[(y * width) + x] = source[(sy * image.Width) + BorderIndex.Reflect101(x - margin, image.Width)];
                }
            }
        }

        return result;
    }
}
