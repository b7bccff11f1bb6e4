using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Degradations;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Degradations;

public class DegradationTests
{
    private static RgbImage Grey(float level, int width = 64, int height = 48) =>
        new(width, height, Enumerable.Repeat(level, width * height * 3).ToArray());

    [Theory]
    [InlineData("noise:0-3", "noise:0-3")]
    [InlineData(" JPEG:90 ", "jpeg:90")]
    [InlineData("poisson:50-500", "poisson:50-500")]
    [InlineData("gaussian:0.3-2.5|motion:3-15|disk:1-4|none;noise:0-3;jpeg:60-98", "gaussian:0.3-2.5|motion:3-15|disk:1-4|none;noise:0-3;jpeg:60-98")]
    [InlineData("motion:3-15,disk:1-4>jpeg:60-98", "motion:3-15|disk:1-4;jpeg:60-98")]
    public void Specs_parse_and_print_back(string text, string spec) => Assert.Equal(spec, DegradationChain.Parse(text).Spec);

    [Theory]
    [InlineData("jpeg:95-50", "JPEG quality")]
    [InlineData("jpeg:0-101", "JPEG quality")]
    [InlineData("noise:300", "noise sigma")]
    [InlineData("noise:-1", "is not a number or a range")]
    [InlineData("blur:3", "unknown kind 'blur'")]
    [InlineData("noise:a-b", "is not a number or a range")]
    [InlineData("noise", "is not a degradation")]
    [InlineData(";;", "holds no degradation")]
    public void Invalid_specs_are_refused_naming_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => DegradationChain.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gaussian_noise_has_the_drawn_sigma_and_8_bit_samples()
    {
        var grey = Grey(0.5f, 256, 256);
        var noisy = DegradationChain.Parse("noise:4").Apply(grey, seed: 7);
        double sd = Math.Sqrt(noisy.Pixels.Select(v => (v - 0.5) * (v - 0.5)).Average()) * 255;
        Assert.InRange(sd, 3.8, 4.25); // 4 levels, plus the rounding's 1/sqrt(12)
        Assert.All(noisy.Pixels, v => Assert.Equal(Math.Round(v * 255), v * 255, 3));
    }

    [Fact]
    public void Poisson_noise_grows_with_the_signal_and_shrinks_with_more_photons()
    {
        double Spread(float level, string spec)
        {
            var image = DegradationChain.Parse(spec).Apply(Grey(level, 256, 256), seed: 3);
            return Math.Sqrt(image.Pixels.Select(v => (v - level) * (v - level)).Average());
        }

        double dim = Spread(0.2f, "poisson:100"), bright = Spread(0.8f, "poisson:100"), many = Spread(0.8f, "poisson:10000");
        Assert.InRange(bright / dim, 1.7, 2.3); // sqrt(0.8 / 0.2) = 2
        Assert.InRange(bright, 0.8 * Math.Sqrt(0.8 / 100), 1.2 * Math.Sqrt(0.8 / 100));
        Assert.True(many < bright / 5, $"{many} vs {bright}");
    }

    [Fact]
    public void Jpeg_recompression_loses_a_little_detail_and_less_at_higher_quality()
    {
        var photo = ImageDecoder.Decode(TestPaths.Reference("crop0.png"));
        double low = Psnr.Compute(photo, DegradationChain.Parse("jpeg:50").Apply(photo, 1));
        double high = Psnr.Compute(photo, DegradationChain.Parse("jpeg:95").Apply(photo, 1));
        Assert.InRange(low, 25, 45);
        Assert.True(high > low + 3, $"q95 {high:F2} dB, q50 {low:F2} dB");
    }

    [Fact]
    public void Random_blur_draws_kernels_of_the_named_family_and_strength()
    {
        var random = new Random(5);
        var gaussian = (RandomBlur)Degradation.Parse("gaussian:1-1");
        Assert.Equal(BlurKernel.Gaussian(7, 1.0), gaussian.Kernel(random));
        var motion = (RandomBlur)Degradation.Parse("motion:3-15");
        for (int i = 0; i < 20; i++)
        {
            var kernel = motion.Kernel(random);
            Assert.StartsWith("motion:", kernel.Spec, StringComparison.Ordinal);
            Assert.Equal(1.0, kernel.Weights.Sum(), 4);
        }
    }

    [Fact]
    public void The_degrade_transform_is_seeded_per_row_and_saves_with_identical_output_in_a_fresh_process()
    {
        using var dir = new TempDirectory();
        string images = Path.Combine(dir.Path, "images");
        Directory.CreateDirectory(images);
        foreach (string name in new[] { "crop0.png", "crop1.png" })
        {
            File.Copy(TestPaths.Reference(name), Path.Combine(images, name));
        }

        var chain = DegradationChain.Parse("motion:3-9|none;noise:1-3;jpeg:70-95");
        List<float[]> Run(int seed, out ITransformer model, out IDataView data)
        {
            var context = new MLContext(seed);
            data = context.Data.LoadImagesFromDirectory(images);
            model = context.Transforms.Degrade("Degraded", "Image", chain).Fit(data);
            return model.Transform(data).GetColumn<float[]>("Degraded").ToList();
        }

        var first = Run(4, out var model, out var data);
        Assert.Equal(first, Run(4, out _, out _));
        Assert.NotEqual(first, Run(5, out _, out _));
        Assert.NotEqual(first[0], data.GetColumn<float[]>("Image").First());

        string zip = dir.File("degrade.zip");
        new MLContext().Model.Save(model, data.Schema, zip);
        Assert.Equal(first, ModelHostProcess.Apply(zip, images, dir.File("out.bin"))["Degraded"]);
    }

    [Fact]
    public void Blur_pairs_with_degradations_give_each_copy_of_a_photo_its_own_draws()
    {
        var context = new MLContext(seed: 1);
        var photos = context.Data.LoadImages([TestPaths.Reference("crop1.png")]);
        var identity = BlurKernel.Parse("custom:1x1:1");
        var pairs = context.Deblurring().MakeBlurPairs(photos, [identity, identity, identity], degradations: DegradationChain.Parse("noise:2;jpeg:80-95"), seed: 3);

        var blurred = pairs.GetColumn<float[]>("Blurred").ToList();
        Assert.Equal(3, blurred.Count);
        Assert.Equal(3, blurred.Distinct(new SequenceComparer()).Count());
        Assert.Equal(blurred, context.Deblurring().MakeBlurPairs(photos, [identity, identity, identity], degradations: DegradationChain.Parse("noise:2;jpeg:80-95"), seed: 3).GetColumn<float[]>("Blurred").ToList());
        Assert.All(pairs.GetColumn<string>("Kernel"), k => Assert.Equal("custom:1x1:1 then noise:2;jpeg:80-95", k));
    }

    private sealed class SequenceComparer : IEqualityComparer<float[]>
    {
        public bool Equals(float[]? x, float[]? y) => x!.SequenceEqual(y!);

        public int GetHashCode(float[] obj) => obj.Length;
    }
}
