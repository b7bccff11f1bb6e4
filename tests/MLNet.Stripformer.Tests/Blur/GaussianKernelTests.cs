using MLNet.Stripformer.Blur;

namespace MLNet.Stripformer.Tests.Blur;

public class GaussianKernelTests
{
    [Fact]
    public void Weights_follow_the_formula_and_sum_to_one()
    {
        var kernel = BlurKernel.Gaussian(7, 1.0);
        double[] expected = Enumerable.Range(0, 7).Select(i => Math.Exp(-((i - 3.0) * (i - 3.0)) / 2.0)).ToArray();
        double sum = expected.Sum();
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(expected[i] / sum, kernel.Weights1D[i], 15);
        }

        Assert.Equal(1.0, kernel.Weights1D.Sum(), 14);
    }

    [Fact]
    public void Near_identity_kernel_of_the_report_has_the_documented_weights()
    {
        var kernel = BlurKernel.Gaussian(3, 0.3);
        Assert.Equal(0.0038, kernel.Weights1D[0], 4);
        Assert.Equal(0.9923, kernel.Weights1D[1], 4);
        Assert.Equal(kernel.Weights1D[0], kernel.Weights1D[2], 15);
    }

    [Fact]
    public void Fixed_point_weights_match_opencv_for_k11_sigma16()
    {
        Assert.Equal([0, 3, 11, 30, 52, 64, 52, 30, 11, 3, 0], BlurKernel.Gaussian(11, 1.6).FixedPointWeights);
    }

    [Theory]
    [InlineData(3, 0.3)]
    [InlineData(7, 1.0)]
    [InlineData(21, 3.5)]
    public void Fixed_point_weights_sum_to_256(int size, double sigma)
    {
        Assert.Equal(256, BlurKernel.Gaussian(size, sigma).FixedPointWeights.Sum());
    }

    [Fact]
    public void Two_dimensional_weights_are_the_outer_product()
    {
        var kernel = BlurKernel.Gaussian(5, 0.8);
        Assert.Equal((float)(kernel.Weights1D[1] * kernel.Weights1D[3]), kernel.Weights[(1 * 5) + 3]);
    }
}
