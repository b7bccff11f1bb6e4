using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Blur;

public class SynthesizeBlurEstimatorTests
{
    private static IDataView Crops(MLContext context) =>
        context.Data.LoadImages(new[] { "crop0.png", "crop1.png", "crop2.png" }.Select(TestPaths.Reference));

    private static List<float[]> Column(IDataView data, string name) => data.GetColumn<float[]>(name).ToList();

    [Fact]
    public void One_kernel_blurs_every_row_like_the_direct_call()
    {
        var context = new MLContext(seed: 1);
        var data = Crops(context);
        var kernel = BlurKernel.Gaussian(7, 1.0);
        var blurred = context.Transforms.SynthesizeBlur("Blurred", "Image", [kernel]).Fit(data).Transform(data);
        var sharp = ImageColumn.Read(blurred, "Image").ToList();
        var result = ImageColumn.Read(blurred, "Blurred").ToList();
        for (int i = 0; i < sharp.Count; i++)
        {
            Assert.Equal(ImageBlur.Apply(sharp[i], kernel).Pixels, result[i].Pixels);
        }

        Assert.Null(blurred.Schema.GetColumnOrNull(BlurMappingFactory.OutputColumnName));
    }

    [Fact]
    public void Kernel_sets_are_reproducible_from_the_context_seed()
    {
        List<float[]> Run(int seed)
        {
            var context = new MLContext(seed);
            var data = Crops(context);
            return Column(context.Transforms.SynthesizeBlur("Blurred", "Image", BlurKernels.ReportGaussians).Fit(data).Transform(data), "Blurred");
        }

        Assert.Equal(Run(5), Run(5));
    }

    [Fact]
    public void Each_row_gets_one_of_the_kernels()
    {
        var context = new MLContext(seed: 3);
        var data = Crops(context);
        var transformer = context.Transforms.SynthesizeBlur(new SynthesizeBlurOptions { Kernels = BlurKernels.ReportGaussians, Seed = 11 }).Fit(data);
        Assert.Equal(11, transformer.Seed);
        var rows = ImageColumn.Read(transformer.Transform(data), "Image").Zip(ImageColumn.Read(transformer.Transform(data), "Blurred"));
        foreach (var (sharp, blurred) in rows)
        {
            Assert.Contains(BlurKernels.ReportGaussians, k => ImageBlur.Apply(sharp, k).Pixels.SequenceEqual(blurred.Pixels));
        }
    }

    [Fact]
    public void Saved_pipeline_gives_identical_output_in_a_fresh_process()
    {
        using var dir = new TempDirectory();
        string images = Path.Combine(dir.Path, "images");
        Directory.CreateDirectory(images);
        foreach (string name in new[] { "crop0.png", "crop1.png" })
        {
            File.Copy(TestPaths.Reference(name), Path.Combine(images, name));
        }

        var context = new MLContext(seed: 2);
        var data = context.Data.LoadImagesFromDirectory(images);
        var model = context.Transforms.SynthesizeBlur(new SynthesizeBlurOptions
        {
            Kernels = [BlurKernel.Gaussian(11, 1.6), BlurKernel.Motion(9, 30), BlurKernel.Disk(2.5)],
        }).Fit(data);
        string zip = dir.File("blur.zip");
        context.Model.Save(model, data.Schema, zip);

        var expected = Column(model.Transform(data), "Blurred");
        var actual = ModelHostProcess.Apply(zip, images, dir.File("out.bin"));
        Assert.Equal(expected, actual["Blurred"]);
    }

    [Fact]
    public void Missing_or_mistyped_input_column_is_named()
    {
        var context = new MLContext(seed: 1);
        var data = Crops(context);
        var missing = Assert.Throws<ArgumentException>(() => context.Transforms.SynthesizeBlur("B", "Sharp").Fit(data));
        Assert.Contains("'Sharp'", missing.Message, StringComparison.Ordinal);
        var mistyped = Assert.Throws<ArgumentException>(() => context.Transforms.SynthesizeBlur("B", "Path").Fit(data));
        Assert.Contains("'Path'", mistyped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_named()
    {
        var context = new MLContext();
        var ex = Assert.Throws<ArgumentException>(() => context.Transforms.SynthesizeBlur(new SynthesizeBlurOptions { Kernels = [] }));
        Assert.Contains("Kernels", ex.Message, StringComparison.Ordinal);
    }
}
