using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Blur;

/// <summary>Applies a blur kernel to an image (each colour plane independently, reflect-101 border).</summary>
public static class ImageBlur
{
    /// <summary>Blurs an image.</summary>
    /// <param name="image">The sharp image.</param>
    /// <param name="kernel">The kernel.</param>
    /// <param name="arithmetic">OpenCV-exact 8-bit arithmetic (default) or plain float.</param>
    /// <returns>A new, blurred image of the same size.</returns>
    public static RgbImage Apply(RgbImage image, BlurKernel kernel, BlurArithmetic arithmetic = BlurArithmetic.EightBit)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(kernel);
        var result = new RgbImage(image.Width, image.Height, GC.AllocateUninitializedArray<float>(image.Pixels.Length));
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            ReadOnlySpan<float> src = image.Plane(c);
            Span<float> dst = result.Plane(c);
            if (arithmetic == BlurArithmetic.Float)
            {
                FloatConvolution.ConvolvePlane(src, dst, image.Width, image.Height, kernel);
            }
            else if (kernel is GaussianKernel gaussian)
            {
                FixedPointGaussianBlur.BlurPlane(src, dst, image.Width, image.Height, gaussian.FixedPointWeights);
            }
            else
            {
                float[] levels = src.ToArray();
                SampleQuantizer.RoundTo8Bit(levels);
                FloatConvolution.ConvolvePlane(levels, dst, image.Width, image.Height, kernel);
                SampleQuantizer.RoundTo8Bit(dst);
            }
        }

        return result;
    }
}
