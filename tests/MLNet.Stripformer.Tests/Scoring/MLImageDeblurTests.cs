using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Scoring;

/// <summary>Issue 18: <c>Deblur</c> on ML.NET's own image columns (<c>LoadImages</c>, <c>ResizeImages</c>, <c>MLImage</c>).</summary>
public sealed class MLImageDeblurTests
{
    private sealed class PairRow
    {
        [VectorType]
        public float[] Sharp { get; set; } = [];

        [VectorType]
        public float[] Restored { get; set; } = [];
    }

    private sealed class PathRow
    {
        public string Path { get; set; } = string.Empty;
    }

    [Fact]
    public void An_mlimage_column_in_gives_an_mlimage_column_out_with_the_packed_paths_pixels()
    {
        using var folder = new TempDirectory();
        ImageEncoder.Save(ImageCrop.Centre(ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "photos", "python3-skimage__grass.png")), 61, 45), Path.Combine(folder.Path, "a.png"));
        ImageEncoder.Save(TestImages.Noise(61, 45, 3), Path.Combine(folder.Path, "b.png"));
        var ml = new MLContext(seed: 1);
        var files = ml.Data.LoadFromEnumerable([new PathRow { Path = "a.png" }, new PathRow { Path = "b.png" }]);
        var images = ml.Transforms.LoadImages("Image", folder.Path, nameof(PathRow.Path)).Fit(files).Transform(files);

        var deblurred = ml.Transforms.Deblur("Deblurred", "Image").Fit(images).Transform(images);
        Assert.Equal(images.Schema["Image"].Type, deblurred.Schema["Deblurred"].Type);
        var outputs = deblurred.GetColumn<MLImage>("Deblurred").ToList();

        var inputs = images.GetColumn<MLImage>("Image").Select(MLImageConversion.ToRgbImage).ToList();
        var packed = ml.Data.LoadFromEnumerable(inputs.Select(i => new TestImages.ImageRow { Image = PackedImage.Pack(i) }));
        var expected = ImageColumn.Read(ml.Transforms.Deblur("Deblurred", "Image").Fit(packed).Transform(packed), "Deblurred").ToList();
        var metrics = ml.Deblurring().Evaluate(deblurred, "Image", "Deblurred"); // Evaluate reads ML.NET images too
        var asPacked = ml.Data.LoadFromEnumerable(inputs.Zip(outputs, (a, b) => new PairRow { Sharp = PackedImage.Pack(a), Restored = PackedImage.Pack(MLImageConversion.ToRgbImage(b)) }));
        Assert.Equal(ml.Deblurring().Evaluate(asPacked, nameof(PairRow.Sharp), nameof(PairRow.Restored)).MeanPsnr, metrics.MeanPsnr, 9);
        for (int i = 0; i < outputs.Count; i++)
        {
            Assert.Equal((61, 45), (outputs[i].Width, outputs[i].Height));
            var actual = MLImageConversion.ToRgbImage(outputs[i]).Pixels;
            float worst = expected[i].Pixels.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
            Assert.True(worst <= 0.5f / 255f + 1e-6f, $"row {i}: {worst * 255} levels from the packed path");
        }
    }

    [Fact]
    public void A_fixed_size_image_column_from_ResizeImages_is_deblurred_and_the_model_saves_and_loads()
    {
        var ml = new MLContext(seed: 1);
        var files = ml.Data.LoadFromEnumerable([new PathRow { Path = "python3-skimage__grass.png" }]);
        var pipeline = ml.Transforms.LoadImages("Image", Path.Combine(TestPaths.Samples, "photos"), nameof(PathRow.Path))
            .Append(ml.Transforms.ResizeImages("Image", imageWidth: 36, imageHeight: 28))
            .Append(ml.Transforms.Deblur("Deblurred", "Image"));
        var model = pipeline.Fit(files);
        var scored = model.Transform(files);

        var input = ImageColumn.Read(scored, "Image").Single();
        var packed = ml.Data.LoadFromEnumerable([new TestImages.ImageRow { Image = PackedImage.Pack(input) }]);
        var expected = ImageColumn.Read(ml.Transforms.Deblur("Deblurred", "Image").Fit(packed).Transform(packed), "Deblurred").Single();
        var actual = ImageColumn.Read(scored, "Deblurred").Single();
        Assert.Equal((36, 28), (actual.Width, actual.Height));
        float worst = expected.Pixels.Zip(actual.Pixels).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= 0.5f / 255f + 1e-6f, $"{worst * 255} levels from the packed path");

        using var dir = new TempDirectory();
        string zip = Path.Combine(dir.Path, "resized.zip");
        ml.Model.Save(model, files.Schema, zip);
        var other = new MLContext().RegisterStripformerComponents();
        var reloaded = ImageColumn.Read(other.Model.Load(zip, out _).Transform(files), "Deblurred").Single();
        Assert.Equal(actual.Pixels, reloaded.Pixels);
    }

    [Fact]
    public void A_saved_pipeline_from_file_paths_to_deblurred_mlimages_loads_in_a_fresh_process_with_the_same_pixels()
    {
        using var dir = new TempDirectory();
        string images = Path.Combine(dir.Path, "images");
        Directory.CreateDirectory(images);
        ImageEncoder.Save(TestImages.Noise(47, 33, 11), Path.Combine(images, "one.png"));
        var ml = new MLContext(seed: 1);
        var files = ml.Data.LoadImagesFromDirectory(images);
        var model = ml.Transforms.LoadImages("Photo", images, "Path")
            .Append(ml.Transforms.Deblur("Deblurred", "Photo"))
            .Fit(files);
        string zip = Path.Combine(dir.Path, "pipeline.zip");
        ml.Model.Save(model, files.Schema, zip);

        var loaded = ModelHostProcess.Apply(zip, images, Path.Combine(dir.Path, "out.bin"))["Deblurred"].Single();

        var expected = ImageColumn.Read(ml.Transforms.Deblur("Deblurred", "Image").Fit(files).Transform(files), "Deblurred").Single();
        var actual = PackedImage.Unpack(loaded, "fresh process");
        Assert.Equal((47, 33), (actual.Width, actual.Height));
        float worst = expected.Pixels.Zip(actual.Pixels).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= 0.5f / 255f + 1e-6f, $"{worst * 255} levels from the packed path (the CLI's deblur)");
    }

    private sealed class VectorRow
    {
        [VectorType]
        public float[] Image { get; set; } = [];
    }

    [Fact]
    public void A_variable_size_vector_that_is_not_a_packed_image_is_refused_naming_the_column_before_onnx_runtime()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable([new VectorRow { Image = new float[3 * 8 * 8] }]); // pixels without the header
        var scored = ml.Transforms.Deblur("Deblurred", "Image").Fit(data).Transform(data);

        var ex = Assert.ThrowsAny<Exception>(() => scored.GetColumn<VBuffer<float>>("Deblurred").ToList());
        var inner = ex is InvalidDataException ? ex : ex.InnerException;
        Assert.IsType<InvalidDataException>(inner);
        Assert.Contains("'Image'", inner!.Message, StringComparison.Ordinal);
        Assert.Contains("not a packed image", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageQuality_compares_mlimage_columns_inside_a_pipeline_and_gives_the_packed_paths_figures()
    {
        using var folder = new TempDirectory();
        ImageEncoder.Save(TestImages.Noise(40, 30, 21), Path.Combine(folder.Path, "a.png"));
        var ml = new MLContext(seed: 1);
        var files = ml.Data.LoadFromEnumerable([new PathRow { Path = "a.png" }]);

        // LoadImages, Deblur and ImageQuality in one EstimatorChain: its schema checks run on ML.NET image columns.
        var scored = ml.Transforms.LoadImages("Image", folder.Path, nameof(PathRow.Path))
            .Append(ml.Transforms.Deblur("Deblurred", "Image"))
            .Append(ml.Transforms.ImageQuality("Image", "Deblurred"))
            .Fit(files).Transform(files);

        double psnr = scored.GetColumn<double>("Psnr").Single(), ssim = scored.GetColumn<double>("Ssim").Single();
        var sharp = ImageColumn.Read(scored, "Image").Single();
        var restored = ImageColumn.Read(scored, "Deblurred").Single();
        Assert.Equal(Stripformer.Evaluation.Psnr.Compute(sharp, restored), psnr, 9);
        Assert.InRange(ssim, 0.0, 1.0);
    }

    [Fact]
    public void SynthesizeBlur_blurs_an_mlimage_column_into_an_mlimage_column_like_the_packed_path()
    {
        using var folder = new TempDirectory();
        ImageEncoder.Save(TestImages.Noise(40, 30, 22), Path.Combine(folder.Path, "a.png"));
        var ml = new MLContext(seed: 1);
        var files = ml.Data.LoadFromEnumerable([new PathRow { Path = "a.png" }]);
        var kernels = new[] { Stripformer.Blur.BlurKernel.Gaussian(7, 1.0) };

        var blurred = ml.Transforms.LoadImages("Sharp", folder.Path, nameof(PathRow.Path))
            .Append(ml.Transforms.SynthesizeBlur(new Stripformer.Blur.SynthesizeBlurOptions { OutputColumnName = "Blurred", InputColumnName = "Sharp", Kernels = kernels, Seed = 3 }))
            .Fit(files).Transform(files);
        Assert.Equal(blurred.Schema["Sharp"].Type, blurred.Schema["Blurred"].Type);

        var sharp = ImageColumn.Read(blurred, "Sharp").Single();
        var packed = ml.Data.LoadFromEnumerable([new TestImages.ImageRow { Image = PackedImage.Pack(sharp) }]);
        var expected = ImageColumn.Read(ml.Transforms.SynthesizeBlur(new Stripformer.Blur.SynthesizeBlurOptions { OutputColumnName = "Blurred", InputColumnName = "Image", Kernels = kernels, Seed = 3 }).Fit(packed).Transform(packed), "Blurred").Single();
        var actual = ImageColumn.Read(blurred, "Blurred").Single();
        float worst = expected.Pixels.Zip(actual.Pixels).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= 0.5f / 255f + 1e-6f, $"{worst * 255} levels from the packed path");
    }
}
