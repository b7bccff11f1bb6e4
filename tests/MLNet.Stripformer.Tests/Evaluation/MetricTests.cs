using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Tests.Evaluation;

public class MetricTests
{
    private static RgbImage Constant(int width, int height, float value)
    {
        var image = new RgbImage(width, height);
        Array.Fill(image.Pixels, value);
        return image;
    }

    [Fact]
    public void Psnr_of_a_uniform_error_of_0_1_is_20_db()
    {
        Assert.Equal(20.0, Psnr.Compute(Constant(16, 16, 0.2f), Constant(16, 16, 0.3f)), 5);
    }

    [Fact]
    public void Psnr_of_one_level_everywhere_is_48_13_db()
    {
        Assert.Equal(10 * Math.Log10(255.0 * 255.0), Psnr.Compute(Constant(4, 4, 10 / 255f), Constant(4, 4, 11 / 255f)), 4);
    }

    [Fact]
    public void Identical_images_give_positive_infinity_psnr_and_ssim_one()
    {
        var image = Constant(20, 20, 0.4f);
        image.Pixels[7] = 0.9f;
        Assert.Equal(double.PositiveInfinity, Psnr.Compute(image, image.Clone()));
        Assert.Equal(1.0, Ssim.Compute(image, image.Clone()), 12);
    }

    [Fact]
    public void Ssim_of_two_constant_images_is_the_luminance_term()
    {
        const double c1 = 1e-4, a = 0.5, b = 0.25;
        double expected = ((2 * a * b) + c1) / ((a * a) + (b * b) + c1);
        Assert.Equal(expected, Ssim.Compute(Constant(16, 12, (float)a), Constant(16, 12, (float)b)), 6);
    }

    [Fact]
    public void Different_sizes_are_an_error_naming_both_images()
    {
        var ex = Assert.Throws<ArgumentException>(() => ImageComparison.Compare(Constant(4, 4, 0), Constant(5, 4, 0), "sharp.png", "deblurred.png"));
        Assert.Contains("sharp.png is 4x4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("deblurred.png is 5x4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ssim_is_nan_for_images_smaller_than_the_window()
    {
        var (psnr, ssim) = ImageComparison.Compare(Constant(3, 2, 0.1f), Constant(3, 2, 0.2f), "a", "b");
        Assert.Equal(20.0, psnr, 5);
        Assert.True(double.IsNaN(ssim));
    }
}
