using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Evaluation;

public class DeblurringEvaluatorTests
{
    private static IDataView BlurredCrops(MLContext context, params BlurKernel[] kernels) =>
        context.Transforms.SynthesizeBlur("Blurred", "Image", kernels)
            .Fit(context.Data.LoadImages(new[] { "crop0.png", "crop1.png" }.Select(TestPaths.Reference)))
            .Transform(context.Data.LoadImages(new[] { "crop0.png", "crop1.png" }.Select(TestPaths.Reference)));

    [Fact]
    public void Evaluate_gives_means_and_per_image_values_with_paths()
    {
        var context = new MLContext(seed: 1);
        var metrics = context.Deblurring().Evaluate(BlurredCrops(context, BlurKernel.Gaussian(11, 1.6)), "Image", "Blurred");
        Assert.Equal(2, metrics.PerImage.Count);
        Assert.Equal(TestPaths.Reference("crop1.png"), metrics.PerImage[1].Path);
        Assert.Equal(metrics.PerImage.Average(q => q.Psnr), metrics.MeanPsnr, 12);
        Assert.Equal(metrics.PerImage.Average(q => q.Ssim), metrics.MeanSsim, 12);
        var crop0 = ImageDecoder.Decode(TestPaths.Reference("crop0.png"));
        Assert.Equal(Psnr.Compute(crop0, ImageBlur.Apply(crop0, BlurKernel.Gaussian(11, 1.6))), metrics.PerImage[0].Psnr, 12);
        Assert.InRange(metrics.MeanPsnr, 20, 45);
    }

    [Fact]
    public void Identical_columns_give_infinite_psnr_without_crashing()
    {
        var context = new MLContext(seed: 1);
        var data = context.Data.LoadImage(TestPaths.Reference("crop2.png"));
        var metrics = context.Deblurring().Evaluate(data, "Image", "Image");
        Assert.Equal(double.PositiveInfinity, metrics.MeanPsnr);
        Assert.Equal(1.0, metrics.MeanSsim, 12);
    }

    [Fact]
    public void Mismatched_sizes_name_both_images_and_the_row()
    {
        var context = new MLContext(seed: 1);
        var rows = new[]
        {
            new { Path = "a.png", Sharp = PackedImage.Pack(new RgbImage(4, 4)), Deblurred = PackedImage.Pack(new RgbImage(4, 4)) },
            new { Path = "b.png", Sharp = PackedImage.Pack(new RgbImage(4, 4)), Deblurred = PackedImage.Pack(new RgbImage(2, 8)) },
        };
        var ex = Assert.Throws<ArgumentException>(() => context.Deblurring().Evaluate(context.Data.LoadFromEnumerable(rows)));
        Assert.Contains("label 'Sharp' at row 1 ('b.png') is 4x4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("score 'Deblurred' at row 1 ('b.png') is 2x8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_columns_are_named()
    {
        var context = new MLContext(seed: 1);
        var data = context.Data.LoadImage(TestPaths.Reference("crop2.png"));
        var ex = Assert.Throws<ArgumentException>(() => context.Deblurring().Evaluate(data, "Image", "Restored"));
        Assert.Contains("'Restored'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quality_columns_match_the_evaluator()
    {
        var context = new MLContext(seed: 1);
        var blurred = BlurredCrops(context, BlurKernel.Gaussian(7, 1.0));
        var scored = context.Transforms.ImageQuality("Image", "Blurred").Fit(blurred).Transform(blurred);
        var metrics = context.Deblurring().Evaluate(blurred, "Image", "Blurred");
        Assert.Equal(metrics.PerImage.Select(q => q.Psnr), scored.GetColumn<double>("Psnr"));
        Assert.Equal(metrics.PerImage.Select(q => q.Ssim), scored.GetColumn<double>("Ssim"));
    }

    [Fact]
    public void Blur_and_quality_pipeline_saves_and_loads_in_a_fresh_process()
    {
        using var dir = new TempDirectory();
        string images = Path.Combine(dir.Path, "images");
        Directory.CreateDirectory(images);
        File.Copy(TestPaths.Reference("crop1.png"), Path.Combine(images, "crop1.png"));
        var context = new MLContext(seed: 4);
        var data = context.Data.LoadImagesFromDirectory(images);
        var model = context.Transforms.SynthesizeBlur("Blurred", "Image", BlurKernels.ReportGaussians)
            .Append(context.Transforms.ImageQuality("Image", "Blurred"))
            .Fit(data);
        context.Model.Save(model, data.Schema, dir.File("pipeline.zip"));
        var scored = model.Transform(data);
        var loaded = ModelHostProcess.Apply(dir.File("pipeline.zip"), images, dir.File("out.bin"));
        Assert.Equal(scored.GetColumn<float[]>("Blurred"), loaded["Blurred"]);
        Assert.Equal(scored.GetColumn<double>("Psnr").Select(v => (float)v), loaded["Psnr"].Select(v => v[0]));
        Assert.Equal(scored.GetColumn<double>("Ssim").Select(v => (float)v), loaded["Ssim"].Select(v => v[0]));
    }
}
