using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Onnx;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Support;
using static MLNet.Stripformer.Tests.Support.TestImages;

namespace MLNet.Stripformer.Tests.Scoring;

public class DeblurTransformTests
{
    private static string TinyModel => TestPaths.Reference("tiny-stripformer.onnx");

    [Fact]
    public void Deblurs_images_of_different_sizes_in_one_data_view()
    {
        var context = new MLContext(seed: 1);
        var images = new[] { TestImages.Noise(37, 23, 1), TestImages.Noise(8, 5, 2), TestImages.Noise(64, 48, 3) };
        var data = context.Data.LoadFromEnumerable(images.Select(i => new ImageRow { Image = PackedImage.Pack(i) }));

        var scored = context.Transforms.Deblur("Deblurred", "Image", TinyModel).Fit(data).Transform(data);

        var outputs = ImageColumn.Read(scored, "Deblurred").ToList();
        Assert.Equal(images.Select(i => (i.Width, i.Height)), outputs.Select(o => (o.Width, o.Height)));
        Assert.All(outputs, o => Assert.All(o.Pixels, p => Assert.InRange(p, 0f, 1f)));
        Assert.NotEqual(images[0].Pixels, outputs[0].Pixels);
    }

    [Fact]
    public void Unusual_but_valid_images_give_finite_pixels_of_their_own_size()
    {
        var context = new MLContext(seed: 1);
        var images = new[]
        {
            new RgbImage(1, 1, [0.2f, 0.5f, 0.9f]),
            TestImages.Noise(3, 2, 9),
            new RgbImage(40, 30),
            new RgbImage(40, 30, Enumerable.Repeat(1f, 3 * 40 * 30).ToArray()),
            new RgbImage(40, 30, Enumerable.Repeat(0.5f, 3 * 40 * 30).ToArray()),
            TestImages.Noise(10000, 783, 10),
        };
        var data = context.Data.LoadFromEnumerable(images.Select(i => new ImageRow { Image = PackedImage.Pack(i) }));

        var outputs = ImageColumn.Read(context.Transforms.Deblur("Deblurred", "Image", TinyModel).Fit(data).Transform(data), "Deblurred").ToList();

        Assert.Equal(images.Select(i => (i.Width, i.Height)), outputs.Select(o => (o.Width, o.Height)));
        Assert.All(outputs, o => Assert.True(Array.TrueForAll(o.Pixels, p => float.IsFinite(p) && p >= 0 && p <= 1), $"{o.Width}x{o.Height} has a pixel outside [0, 1]"));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Images_holding_nan_or_infinity_are_refused_naming_the_column(float bad)
    {
        var context = new MLContext(seed: 1);
        var image = TestImages.Noise(12, 9, 4);
        image.Pixels[40] = bad;
        var data = context.Data.LoadFromEnumerable([new ImageRow { Image = PackedImage.Pack(TestImages.Noise(8, 8, 3)) }, new ImageRow { Image = PackedImage.Pack(image) }]);
        var scored = context.Transforms.Deblur("Deblurred", "Image", TinyModel).Fit(data).Transform(data);

        var error = Assert.ThrowsAny<Exception>(() => ImageColumn.Read(scored, "Deblurred").ToList());
        var refusal = error as InvalidDataException ?? error.InnerException as InvalidDataException;
        Assert.True(refusal is not null, error.ToString());
        Assert.Contains("'Image'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(bad.ToString(System.Globalization.CultureInfo.CurrentCulture), refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tiles_blend_back_into_the_untiled_result()
    {
        // A per-pixel model gives the same value for a pixel in every tile, so blending must reproduce it exactly
        // up to rounding: this checks the tile grid, the clamped last tiles, the weights and the placement.
        byte[] model = PerPixelModel();
        var context = new MLContext(seed: 1);
        var images = new[] { TestImages.Noise(50, 37, 4), TestImages.Noise(16, 16, 5), TestImages.Noise(17, 100, 6) };
        var data = context.Data.LoadFromEnumerable(images.Select(i => new ImageRow { Image = PackedImage.Pack(i) }));

        var untiled = Score(context, data, model, new DeblurOptions { TileSize = 0 });
        var tiled = Score(context, data, model, new DeblurOptions { TileSize = 16, TileOverlap = 4 });

        for (int i = 0; i < images.Length; i++)
        {
            float[] expected = images[i].Pixels.Select(p => Math.Clamp((0.8f * p) + 0.1f, 0f, 1f)).ToArray();
            Assert.Equal(expected.Length, untiled[i].Pixels.Length);
            Assert.All(expected.Zip(untiled[i].Pixels), pair => Assert.Equal(pair.First, pair.Second, 1e-6f));
            Assert.All(expected.Zip(tiled[i].Pixels), pair => Assert.Equal(pair.First, pair.Second, 1e-6f));
        }
    }

    [Fact]
    public void Saved_pipeline_gives_identical_pixels_in_a_fresh_process()
    {
        using var dir = new TempDirectory();
        string images = Path.Combine(dir.Path, "images");
        Directory.CreateDirectory(images);
        foreach (string name in new[] { "crop0.png", "crop1.png" })
        {
            File.Copy(TestPaths.Reference(name), Path.Combine(images, name));
        }

        var context = new MLContext(seed: 3);
        var data = context.Data.LoadImagesFromDirectory(images);
        var pipeline = context.Transforms.SynthesizeBlur(new SynthesizeBlurOptions { Kernels = [BlurKernel.Gaussian(7, 1.0)] })
            .Append(context.Transforms.Deblur("Deblurred", "Blurred", TinyModel, new DeblurOptions { TileSize = 64, TileOverlap = 8 }))
            .Append(context.Transforms.ImageQuality("Image", "Deblurred"));
        var model = pipeline.Fit(data);
        string zip = dir.File("deblur.zip");
        context.Model.Save(model, data.Schema, zip);

        var scored = model.Transform(data);
        var loaded = ModelHostProcess.Apply(zip, images, dir.File("out.bin"));

        Assert.Equal(Column(scored, "Deblurred"), loaded["Deblurred"]);
        Assert.Equal(Column(scored, "Blurred"), loaded["Blurred"]);
        Assert.Equal(2, loaded["Psnr"].Count);
    }

    [Fact]
    public void Prediction_engine_deblurs_one_image()
    {
        var context = new MLContext();
        var image = TestImages.Noise(30, 20, 7);
        var data = context.Data.LoadFromEnumerable(new[] { new ImageRow { Image = PackedImage.Pack(image) } });
        var model = context.Transforms.Deblur("Deblurred", "Image", TinyModel).Fit(data);
        var engine = context.Model.CreatePredictionEngine<ImageRow, DeblurredRow>(model);

        var result = PackedImage.Unpack(engine.Predict(new ImageRow { Image = PackedImage.Pack(image) }).Deblurred, "prediction");

        Assert.Equal((30, 20), (result.Width, result.Height));
        Assert.Equal(ImageColumn.Read(model.Transform(data), "Deblurred").Single().Pixels, result.Pixels);
    }

    [Fact]
    public void Missing_empty_truncated_and_foreign_models_are_refused_with_their_name()
    {
        using var dir = new TempDirectory();
        var context = new MLContext();
        string missing = dir.File("absent.onnx");
        var notFound = Assert.Throws<FileNotFoundException>(() => context.Transforms.Deblur("D", "B", missing));
        Assert.Contains(missing, notFound.Message, StringComparison.Ordinal);

        string empty = dir.File("empty.onnx");
        File.WriteAllBytes(empty, []);
        Assert.Contains(empty, Assert.Throws<InvalidDataException>(() => context.Transforms.Deblur("D", "B", empty)).Message, StringComparison.Ordinal);

        string truncated = dir.File("truncated.onnx");
        byte[] bytes = File.ReadAllBytes(TinyModel);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Contains(truncated, Assert.Throws<InvalidDataException>(() => context.Transforms.Deblur("D", "B", truncated)).Message, StringComparison.Ordinal);

        string text = dir.File("text.onnx");
        File.WriteAllText(text, "this is not a model, just some text that happens to be here");
        Assert.Contains(text, Assert.Throws<InvalidDataException>(() => context.Transforms.Deblur("D", "B", text)).Message, StringComparison.Ordinal);

        string twoInputs = dir.File("two-inputs.onnx");
        File.WriteAllBytes(twoInputs, TwoInputModel());
        var wrong = Assert.Throws<InvalidDataException>(() => context.Transforms.Deblur("D", "B", twoInputs));
        Assert.Contains(twoInputs, wrong.Message, StringComparison.Ordinal);
        Assert.Contains("'a'", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_input_column_and_options_are_named()
    {
        var context = new MLContext();
        var data = context.Data.LoadFromEnumerable(new[] { new { Name = "x", Value = 1f } });
        var missing = Assert.Throws<ArgumentException>(() => context.Transforms.Deblur("D", "Image", TinyModel).Fit(data));
        Assert.Contains("'Image'", missing.Message, StringComparison.Ordinal);
        var mistyped = Assert.Throws<ArgumentException>(() => context.Transforms.Deblur("D", "Name", TinyModel).Fit(data));
        Assert.Contains("'Name'", mistyped.Message, StringComparison.Ordinal);

        Assert.Equal("TileSize", Assert.Throws<ArgumentOutOfRangeException>(() => context.Transforms.Deblur("D", "B", TinyModel, new DeblurOptions { TileSize = 8 })).ParamName);
        Assert.Equal("TileOverlap", Assert.Throws<ArgumentOutOfRangeException>(() => context.Transforms.Deblur("D", "B", TinyModel, new DeblurOptions { TileSize = 64, TileOverlap = 40 })).ParamName);
        Assert.Equal("IntraOpThreads", Assert.Throws<ArgumentOutOfRangeException>(() => context.Transforms.Deblur("D", "B", TinyModel, new DeblurOptions { IntraOpThreads = 0 })).ParamName);
    }

    [Fact]
    public void Cpu_is_chosen_when_no_gpu_is_asked_for_or_none_can_be_used()
    {
        Assert.Null(ExecutionProvider.Choose(null, fallbackToCpu: false, out string cpu));
        Assert.Contains("CPUExecutionProvider", cpu, StringComparison.Ordinal);

        // The CPU ONNX Runtime package has no CUDA provider: device 0 falls back, or fails when told not to.
        Assert.Null(ExecutionProvider.Choose(0, fallbackToCpu: true, out string fallback));
        Assert.Contains("CUDA device 0 unavailable", fallback, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => ExecutionProvider.Choose(0, fallbackToCpu: false, out _));
    }

    [Fact]
    public void The_mlcontext_gpu_settings_apply_when_the_options_name_no_device()
    {
        var data = new MLContext().Data.LoadFromEnumerable(new[] { new ImageRow { Image = PackedImage.Pack(TestImages.Noise(12, 10, 8)) } });
        var fallback = new MLContext { GpuDeviceId = 0, FallbackToCpu = true };
        Assert.Contains("CUDA device 0 unavailable", fallback.Transforms.Deblur("D", "Image", TinyModel).Fit(data).Provider, StringComparison.Ordinal);

        var strict = new MLContext { GpuDeviceId = 0, FallbackToCpu = false };
        var error = Assert.Throws<InvalidOperationException>(() => strict.Transforms.Deblur("D", "Image", TinyModel).Fit(data));
        Assert.Contains("CUDA device 0", error.Message, StringComparison.Ordinal);
    }

    private static List<RgbImage> Score(MLContext context, IDataView data, byte[] model, DeblurOptions options) =>
        ImageColumn.Read(context.Transforms.Deblur("Out", "Image", new MemoryStream(model), options).Fit(data).Transform(data), "Out").ToList();

    private static List<float[]> Column(IDataView data, string name) =>
        data.GetColumn<VBuffer<float>>(name).Select(v => v.DenseValues().ToArray()).ToList();

    /// <summary><c>output = 0.8 x + 0.1</c>, [N, 3, H, W] in and out.</summary>
    private static byte[] PerPixelModel()
    {
        var graph = new OnnxGraphBuilder("per_pixel", "p/");
        graph.Input("x", OnnxElementType.Float, "N", 3, "H", "W");
        graph.Node("Add", [graph.Op("Mul", ["x", graph.FloatScalar(0.8f)]), graph.FloatScalar(0.1f)], ["y"]);
        graph.Output("y", OnnxElementType.Float, "N", 3, "H", "W");
        return OnnxModelWriter.Write(graph, new Dictionary<string, string>());
    }

    private static byte[] TwoInputModel()
    {
        var graph = new OnnxGraphBuilder("two_inputs", "t/");
        graph.Input("a", OnnxElementType.Float, 1, 3, 4, 4);
        graph.Input("b", OnnxElementType.Float, 1, 3, 4, 4);
        graph.Node("Add", ["a", "b"], ["y"]);
        graph.Output("y", OnnxElementType.Float, 1, 3, 4, 4);
        return OnnxModelWriter.Write(graph, new Dictionary<string, string>());
    }
}
