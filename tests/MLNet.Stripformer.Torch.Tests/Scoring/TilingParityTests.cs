using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Scoring;
using MLNet.Stripformer.Torch.Tests.Export;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Tests.Scoring;

/// <summary>
/// Issue 17: the TorchSharp transformer and the ONNX <c>Deblur</c> transform tile with one plan. Tiling costs a little
/// quality because Stripformer's strip attention sees whole rows and columns of a tile, not of the image (a wider
/// overlap or steeper blending does not change that): on 700x530 crops of five validation photos (Gaussian sigma 1.6,
/// tile 256) it was 0.009 to 0.036 dB on four, and 0.096 dB on the smooth <c>kphotoalbum__jesper.jpg</c> (40.8 dB).
/// </summary>
public sealed class TilingParityTests
{
    private readonly ITestOutputHelper _output;

    public TilingParityTests(ITestOutputHelper output)
    {
        TorchRuntime.Initialize();
        _output = output;
    }

    private sealed class Row
    {
        [VectorType]
        public float[] Image { get; set; } = [];
    }

    [Fact]
    public void TorchSharp_and_onnx_tile_a_700x530_photo_alike_and_close_to_untiled()
    {
        var sharp = ImageCrop.Centre(ImageDecoder.Decode(Path.Combine(TestPaths.Photos, "val", "tuxpaint-data__rocks.jpg")), 700, 530);
        var blurred = ImageBlur.Apply(sharp, BlurKernel.Gaussian(11, 1.6));
        var network = NetworkFiles.Load(Path.Combine(TestPaths.RepositoryRoot, "models", "stripformer-seed-gaussian.ckpt"));
        byte[] onnx = network.ToOnnx();
        using var torch = new TorchDeblurrer(network, CPU, new TilingOptions(256, DeblurOptions.DefaultTileOverlap)); // owns the network

        var onnxTiled = RunDeblur(onnx, blurred, tile: 256);
        var onnxWhole = RunDeblur(onnx, blurred, tile: 0);
        var torchTiled = torch.Deblur(blurred);

        float difference = ExportedNetworks.MaxAbsDifference(torchTiled.Pixels, onnxTiled.Pixels);
        double tiled = Psnr.Compute(sharp, onnxTiled), whole = Psnr.Compute(sharp, onnxWhole);
        _output.WriteLine($"max |TorchSharp - ONNX| = {difference:E2}; PSNR tiled {tiled:F3} dB, whole {whole:F3} dB, input {Psnr.Compute(sharp, blurred):F3} dB");
        Assert.True(difference <= 1e-5f, $"TorchSharp and ONNX tiles differ by {difference}");
        Assert.True(Math.Abs(tiled - whole) <= 0.05, $"tiled {tiled:F3} dB, whole {whole:F3} dB");
        Assert.True(whole > Psnr.Compute(sharp, blurred), "the shipped model should sharpen the blurred photo");
    }

    private static RgbImage RunDeblur(byte[] onnx, RgbImage image, int tile)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable([new Row { Image = PackedImage.Pack(image) }]);
        var model = ml.Transforms.Deblur("Deblurred", nameof(Row.Image), new MemoryStream(onnx), new DeblurOptions { TileSize = tile, TileOverlap = DeblurOptions.DefaultTileOverlap }).Fit(data);
        var output = model.Transform(data).GetColumn<VBuffer<float>>("Deblurred").Single();
        return PackedImage.Unpack(output.DenseValues().ToArray(), "deblurred");
    }
}
