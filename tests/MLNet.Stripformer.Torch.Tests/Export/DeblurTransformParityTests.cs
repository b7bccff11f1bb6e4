using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Tests.Export;

public class DeblurTransformParityTests
{
    private readonly ITestOutputHelper _output;

    public DeblurTransformParityTests(ITestOutputHelper output)
    {
        TorchRuntime.Initialize();
        _output = output;
    }

    private sealed class Row
    {
        [VectorType]
        public float[] Blurred { get; set; } = [];
    }

    [Theory]
    [InlineData("seed", 0)]
    [InlineData("paper", 0)]
    [InlineData("seed", 512)]
    public void Deblur_transform_equals_torchsharp_on_images_of_different_sizes(string config, int tile)
    {
        using var network = ExportedNetworks.Perturbed(StripformerConfig.FromName(config), seed: 3);
        using var scope = NewDisposeScope();
        var sizes = config == "seed" ? new[] { (251, 333), (17, 9), (40, 64) } : [(23, 30), (9, 14)];
        manual_seed(5);
        var inputs = sizes.Select(s => rand(1, 3, s.Item1, s.Item2)).ToList();
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(inputs.Select(t => new Row { Blurred = Pack(t) }));

        var options = new DeblurOptions { TileSize = tile, IntraOpThreads = 2 };
        var model = ml.Transforms.Deblur("Deblurred", "Blurred", new MemoryStream(network.ToOnnx()), options).Fit(data);
        var outputs = ml.Data.CreateEnumerable<Row>(ml.Transforms.CopyColumns("Blurred", "Deblurred").Fit(model.Transform(data)).Transform(model.Transform(data)), reuseRowObject: false).ToList();

        for (int i = 0; i < inputs.Count; i++)
        {
            var expected = ExportedNetworks.RunTorchTensor(network, inputs[i]).ClampTo(0, 1);
            float[] actual = outputs[i].Blurred;
            Assert.Equal(new float[] { sizes[i].Item1, sizes[i].Item2 }, actual[..2]);
            float difference = ExportedNetworks.MaxAbsDifference(expected.contiguous().data<float>().ToArray(), actual[2..]);
            _output.WriteLine($"{config} tile {tile} {sizes[i].Item1}x{sizes[i].Item2}: max |Deblur - TorchSharp| = {difference:E2}");
            Assert.True(difference <= 1e-4f, $"{sizes[i]}: {difference}");
        }
    }

    private static float[] Pack(Tensor image)
    {
        int height = (int)image.shape[2], width = (int)image.shape[3];
        using var contiguous = image.contiguous();
        return PackedImage.Pack(new RgbImage(width, height, contiguous.data<float>().ToArray()));
    }
}
