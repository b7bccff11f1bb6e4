using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Tests.Blur;

public class KernelTests
{
    [Theory]
    [InlineData("gaussian:11:1.6")]
    [InlineData("motion:15:30")]
    [InlineData("disk:3.5")]
    [InlineData("custom:3x1:0.25,0.5,0.25")]
    public void Specs_round_trip(string spec)
    {
        var kernel = BlurKernel.Parse(spec);
        Assert.Equal(spec, kernel.Spec);
        Assert.Equal(kernel, BlurKernel.Parse(kernel.Spec));
    }

    [Fact]
    public void Horizontal_motion_kernel_is_a_uniform_centre_row()
    {
        var kernel = BlurKernel.Motion(5, 0);
        Assert.Equal(5, kernel.Size);
        for (int y = 0; y < 5; y++)
        {
            for (int x = 0; x < 5; x++)
            {
                Assert.Equal(y == 2 ? 0.2f : 0f, kernel.Weights[(y * 5) + x], 5);
            }
        }
    }

    [Fact]
    public void Vertical_motion_kernel_is_the_transpose_of_the_horizontal_one()
    {
        var horizontal = BlurKernel.Motion(7, 0);
        var vertical = BlurKernel.Motion(7, 90);
        for (int y = 0; y < 7; y++)
        {
            for (int x = 0; x < 7; x++)
            {
                Assert.Equal(horizontal.Weights[(y * 7) + x], vertical.Weights[(x * 7) + y], 5);
            }
        }
    }

    [Fact]
    public void Diagonal_motion_at_45_degrees_runs_from_bottom_left_to_top_right()
    {
        var kernel = BlurKernel.Motion(9, 45);
        int size = kernel.Size, c = size / 2;
        Assert.True(kernel.Weights[((c - 2) * size) + c + 2] > 0);
        Assert.True(kernel.Weights[((c + 2) * size) + c - 2] > 0);
        Assert.Equal(0f, kernel.Weights[((c - 2) * size) + c - 2]);
        Assert.Equal(1.0, kernel.Weights.Sum(), 5);
    }

    [Fact]
    public void Disk_kernel_is_round_symmetric_and_normalised()
    {
        var kernel = BlurKernel.Disk(3);
        Assert.Equal(7, kernel.Size);
        Assert.Equal(1.0, kernel.Weights.Sum(), 5);
        float centre = kernel.Weights[(3 * 7) + 3];
        Assert.Equal(centre, kernel.Weights[(3 * 7) + 2], 6);
        Assert.Equal(0f, kernel.Weights[0]);
        Assert.Equal(kernel.Weights[(0 * 7) + 3], kernel.Weights[(3 * 7) + 6], 6);
        Assert.Equal(Math.PI * 9, 1 / centre, 0);
    }

    [Theory]
    [InlineData("gaussian:4:1", "odd")]
    [InlineData("gaussian:5:0", "positive")]
    [InlineData("gaussian:5:-1", "positive")]
    [InlineData("gaussian:5:NaN", "positive")]
    [InlineData("motion:-3:10", "positive")]
    [InlineData("motion:5:NaN", "finite")]
    [InlineData("disk:0", "positive")]
    [InlineData("custom:2x2:1,1,1,1", "odd")]
    [InlineData("custom:3x1:1,NaN,1", "finite")]
    [InlineData("custom:3x1:1,1", "weights")]
    public void Invalid_kernels_are_refused_with_a_clear_message(string spec, string reason)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => BlurKernel.Parse(spec));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blur:3")]
    [InlineData("gaussian:five:1")]
    [InlineData("gaussian:5")]
    public void Malformed_specs_are_format_errors(string spec)
    {
        var ex = Assert.Throws<FormatException>(() => BlurKernel.Parse(spec));
        Assert.Contains(spec, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_preset_is_the_three_documented_gaussians()
    {
        Assert.Equal(["gaussian:3:0.3", "gaussian:7:1", "gaussian:11:1.6"], BlurKernels.ReportGaussians.Select(k => k.Spec));
        Assert.Equal(BlurKernels.ReportGaussians, BlurKernels.ParseList("report"));
    }

    [Fact]
    public void Identity_custom_kernel_leaves_an_image_unchanged_in_both_arithmetics()
    {
        var image = new RgbImage(6, 5);
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = (i * 37 % 256) / 255f;
        }

        var identity = BlurKernel.Custom(3, 3, [0, 0, 0, 0, 1, 0, 0, 0, 0]);
        Assert.Equal(image.Pixels, ImageBlur.Apply(image, identity).Pixels);
        Assert.Equal(image.Pixels, ImageBlur.Apply(image, identity, BlurArithmetic.Float).Pixels);
    }

    [Fact]
    public void Float_and_8_bit_gaussian_agree_within_one_level()
    {
        var image = new RgbImage(40, 30);
        var random = new Random(3);
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = random.Next(256) / 255f;
        }

        var kernel = BlurKernel.Gaussian(7, 1.0);
        var exact = ImageBlur.Apply(image, kernel);
        var floating = ImageBlur.Apply(image, kernel, BlurArithmetic.Float);
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            Assert.InRange(Math.Abs(exact.Pixels[i] - floating.Pixels[i]), 0f, 1.01f / 255f);
        }
    }

    [Fact]
    public void Kernels_larger_than_tiny_images_use_repeated_reflection()
    {
        var image = new RgbImage(3, 2, [0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
        var blurred = ImageBlur.Apply(image, BlurKernel.Gaussian(11, 3.0));
        Assert.All(blurred.Pixels, v => Assert.InRange(v, 0f, 1f));
        Assert.All(blurred.Plane(2).ToArray(), v => Assert.Equal(1f, v));
        var single = ImageBlur.Apply(new RgbImage(1, 1, [0.2f, 0.4f, 0.6f]), BlurKernel.Disk(4));
        Assert.Equal(SampleQuantizer.ToByte(0.4f) / 255f, single.Pixels[1]);
    }
}
