using MLNet.Stripformer.Baselines;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Baselines;

public class BaselineTests
{
    [Fact]
    public void Wiener_deconvolution_equals_scikit_image()
    {
        var blurred = ImageDecoder.Decode(TestPaths.Reference("crop0_g11_1.6.png"));
        byte[] bytes = File.ReadAllBytes(TestPaths.Reference("wiener_crop0_g11_1.6_b0.01.bin"));
        var expected = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, expected, 0, bytes.Length);

        var actual = WienerDeconvolution.Apply(blurred, BlurKernel.Gaussian(11, 1.6), 0.01);

        Assert.Equal(expected.Length, actual.Pixels.Length);
        float worst = expected.Zip(actual.Pixels, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst < 1e-5f, $"max |ours - scikit-image| = {worst}");
    }

    [Fact]
    public void Both_baselines_sharpen_a_gaussian_blur_and_leave_a_flat_image_alone()
    {
        var sharp = ImageDecoder.Decode(TestPaths.Reference("crop0.png"));
        var blurred = ImageDecoder.Decode(TestPaths.Reference("crop0_g7_1.0.png"));
        var kernel = BlurKernel.Gaussian(7, 1.0);
        double before = Psnr.Compute(sharp, blurred);
        double unsharp = Psnr.Compute(sharp, UnsharpMask.Apply(blurred, kernel, 1.0));
        double wiener = Psnr.Compute(sharp, WienerDeconvolution.Apply(blurred, kernel, 0.01, margin: 32));
        Assert.True(unsharp > before && wiener > before, $"blurred {before:F2} dB, unsharp {unsharp:F2}, Wiener {wiener:F2}");

        var flat = new RgbImage(12, 9, Enumerable.Repeat(0.4f, 3 * 12 * 9).ToArray());
        Assert.All(UnsharpMask.Apply(flat, kernel, 2.0).Pixels, p => Assert.Equal(0.4f, p, 1e-6f));
        Assert.All(WienerDeconvolution.Apply(flat, kernel, 0.01, margin: 8).Pixels, p => Assert.Equal(0.4f, p, 1e-5f));
    }

    [Fact]
    public void Invalid_parameters_are_named()
    {
        var image = new RgbImage(4, 4);
        Assert.Equal("balance", Assert.Throws<ArgumentOutOfRangeException>(() => WienerDeconvolution.Apply(image, BlurKernel.Gaussian(3, 0.5), 0)).ParamName);
        Assert.Equal("margin", Assert.Throws<ArgumentOutOfRangeException>(() => WienerDeconvolution.Apply(image, BlurKernel.Gaussian(3, 0.5), 0.1, -1)).ParamName);
        Assert.Equal("amount", Assert.Throws<ArgumentOutOfRangeException>(() => UnsharpMask.Apply(image, BlurKernel.Gaussian(3, 0.5), double.NaN)).ParamName);
    }
}
