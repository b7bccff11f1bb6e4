using Microsoft.ML.OnnxRuntime;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Quantization;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Support;
using Onnx;
using Xunit.Abstractions;

namespace MLNet.Stripformer.Tests.Quantization;

/// <summary>Issue 19.1: static int8 quantization (QDQ) of an image-to-image ONNX model.</summary>
public sealed class ModelQuantizerTests(ITestOutputHelper output)
{
    private static readonly QuantizationOptions Everything = new() { QuantizeConvolutions = true, QuantizeMatMuls = true };

    [Fact]
    public void A_quantized_tiny_network_matches_its_float_source_on_a_photo_it_was_not_calibrated_on()
    {
        var photos = SamplePhotos();
        byte[] source = TinyNetwork.Build();
        byte[] quantized = ModelQuantizer.Quantize(source, photos.Skip(1).Select(p => ImageCrop.Centre(p, 64, 48)), Everything);

        var photo = ImageCrop.Centre(photos[0], 96, 72);
        var options = new DeblurOptions { IntraOpThreads = 1, TileSize = 0 };
        using var floatModel = new ImageDeblurrer(source, "tiny.onnx", options);
        using var int8Model = new ImageDeblurrer(quantized, "tiny-int8.onnx", options);
        var expected = floatModel.Deblur(photo);
        var actual = int8Model.Deblur(photo);

        double psnr = Psnr.Compute(expected, actual);
        float largest = expected.Pixels.Zip(actual.Pixels, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"int8 against float32: PSNR {psnr:F2} dB, largest difference {largest:F4}");
        Assert.True(psnr > 45, $"PSNR {psnr:F2} dB between the int8 and float32 outputs; over 45 dB expected (54.4 measured).");
        Assert.True(largest < 0.02f, $"Largest difference {largest}; under 0.02 expected (0.007 measured).");
    }

    [Fact]
    public void The_quantized_graph_runs_in_ONNX_Runtime_int8_kernels_with_int8_weights()
    {
        byte[] quantized = ModelQuantizer.Quantize(TinyNetwork.Build(), [TestImages.Noise(32, 24, 1), TestImages.Noise(32, 24, 2)], Everything);
        var model = ModelProto.Parser.ParseFrom(quantized);
        Assert.Contains(model.Graph.Initializer, t => t.Name.EndsWith("/q", StringComparison.Ordinal) && t.DataType == (int)TensorProto.Types.DataType.Int8);
        Assert.DoesNotContain(model.Graph.Initializer, t => t.Name is "w1" or "wm" or "w2"); // float weights replaced
        Assert.Contains(model.MetadataProps, p => p.Key == ModelQuantizer.MetadataKey && p.Value.Contains("2 Conv", StringComparison.Ordinal));

        // What ONNX Runtime runs: its optimised graph, written out.
        using var directory = new TempDirectory();
        using (var options = new SessionOptions { OptimizedModelFilePath = directory.File("optimised.onnx"), GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED })
        using (new InferenceSession(quantized, options))
        {
        }

        var kernels = ModelProto.Parser.ParseFrom(File.ReadAllBytes(directory.File("optimised.onnx"))).Graph.Node.Select(n => n.OpType).ToList();
        output.WriteLine(string.Join(", ", kernels));
        Assert.Equal(2, kernels.Count(k => k == "QLinearConv"));
        Assert.Contains(kernels, k => k is "MatMulIntegerToFloat" or "QLinearMatMul");
        Assert.DoesNotContain("Conv", kernels);
        Assert.DoesNotContain("MatMul", kernels);
    }

    [Fact]
    public void By_default_only_the_matrix_products_are_quantized_and_convolutions_stay_float()
    {
        var model = ModelProto.Parser.ParseFrom(ModelQuantizer.Quantize(TinyNetwork.Build(), [TestImages.Noise(32, 24, 1)]));
        Assert.Equal(2, model.Graph.Node.Count(n => n.OpType == "Conv"));
        Assert.Contains(model.Graph.Initializer, t => t.Name == "w1");
        Assert.DoesNotContain(model.Graph.Initializer, t => t.Name == "wm");
        Assert.Equal(1, model.Graph.Node.Count(n => n.OpType == "QuantizeLinear"));
    }

    [Fact]
    public void Seven_bit_weights_stay_within_plus_or_minus_63_and_eight_bit_weights_use_127()
    {
        foreach (int bits in new[] { 7, 8 })
        {
            var options = new QuantizationOptions { QuantizeConvolutions = true, WeightBits = bits };
            var model = ModelProto.Parser.ParseFrom(ModelQuantizer.Quantize(TinyNetwork.Build(), [TestImages.Noise(32, 24, 1)], options));
            var weights = model.Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Int8 && t.Name.EndsWith("/q", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(weights);
            int largest = weights.Max(t => t.RawData.Span.ToArray().Max(b => Math.Abs((int)(sbyte)b)));
            Assert.Equal((1 << (bits - 1)) - 1, largest); // each channel's largest weight maps to the top code
        }
    }

    [Fact]
    public void Bad_calibration_input_gives_a_clear_error_and_writes_nothing()
    {
        using var directory = new TempDirectory();
        string model = directory.File("tiny.onnx"), output = directory.File("tiny-int8.onnx");
        File.WriteAllBytes(model, TinyNetwork.Build());

        string missing = directory.File("no-such-folder");
        var notFound = Assert.Throws<DirectoryNotFoundException>(() => ModelQuantizer.Quantize(model, missing, output));
        Assert.Contains(missing, notFound.Message, StringComparison.Ordinal);

        string empty = Directory.CreateDirectory(directory.File("empty")).FullName;
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "no photos here");
        var none = Assert.Throws<InvalidDataException>(() => ModelQuantizer.Quantize(model, empty, output));
        Assert.Contains(empty, none.Message, StringComparison.Ordinal);
        Assert.Contains("no image", none.Message, StringComparison.Ordinal);

        string broken = Directory.CreateDirectory(directory.File("broken")).FullName;
        File.WriteAllBytes(Path.Combine(broken, "cut.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0x00]);
        var unreadable = Assert.Throws<ImageLoadException>(() => ModelQuantizer.Quantize(model, broken, output));
        Assert.Contains("cut.jpg", unreadable.Message, StringComparison.Ordinal);

        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp*"));
    }

    [Fact]
    public void A_model_that_is_already_quantized_or_not_an_image_model_is_refused_by_name()
    {
        byte[] quantized = ModelQuantizer.Quantize(TinyNetwork.Build(), [TestImages.Noise(32, 24, 1)]);
        var again = Assert.Throws<InvalidDataException>(() => ModelQuantizer.Quantize(quantized, [TestImages.Noise(32, 24, 1)]));
        Assert.Contains("already quantized", again.Message, StringComparison.Ordinal);

        var notOnnx = Assert.Throws<InvalidDataException>(() => ModelQuantizer.Quantize([1, 2, 3], [TestImages.Noise(32, 24, 1)]));
        Assert.Contains("not a valid ONNX model", notOnnx.Message, StringComparison.Ordinal);

        var odd = Assert.Throws<ArgumentException>(() => ModelQuantizer.Quantize(TinyNetwork.Build(), [TestImages.Noise(30, 24, 1)]));
        Assert.Contains("30x24", odd.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(QuantizationOptions.CalibrationImages))]
    [InlineData(nameof(QuantizationOptions.CalibrationSize))]
    [InlineData(nameof(QuantizationOptions.WeightBits))]
    [InlineData(nameof(QuantizationOptions.QuantizeMatMuls))]
    public void Invalid_options_are_named(string option)
    {
        var options = option switch
        {
            nameof(QuantizationOptions.CalibrationImages) => new QuantizationOptions { CalibrationImages = 0 },
            nameof(QuantizationOptions.CalibrationSize) => new QuantizationOptions { CalibrationSize = 30 },
            nameof(QuantizationOptions.WeightBits) => new QuantizationOptions { WeightBits = 4 },
            _ => new QuantizationOptions { QuantizeMatMuls = false },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Contains(option is nameof(QuantizationOptions.QuantizeMatMuls) ? nameof(QuantizationOptions.QuantizeConvolutions) : option, ex.ParamName, StringComparison.Ordinal);
    }

    private static List<RgbImage> SamplePhotos() =>
        ImageFiles.InDirectory(Path.Combine(TestPaths.Samples, "photos")).Order(StringComparer.Ordinal).Take(4).Select(f => ImageDecoder.Decode(f)).ToList();
}
