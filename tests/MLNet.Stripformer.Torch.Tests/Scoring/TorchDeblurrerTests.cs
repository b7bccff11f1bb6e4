using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Scoring;
using MLNet.Stripformer.Torch.Tests.Support;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Tests.Scoring;

public class TorchDeblurrerTests
{
    public TorchDeblurrerTests() => TorchRuntime.Initialize();

    private static RgbImage Random(int width, int height)
    {
        var image = new RgbImage(width, height);
        var random = new Random(2);
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = random.Next(256) / 255f;
        }

        return image;
    }

    [Theory]
    [InlineData(100, 70, 32, 8)]
    [InlineData(64, 64, 64, 0)]
    [InlineData(37, 129, 16, 4)]
    public void Tiles_cover_every_pixel_with_weights_that_sum_to_one_in_the_right_place(int width, int height, int tile, int overlap)
    {
        // A residual network with all weights zero is the identity, so any misplaced or missing tile shows.
        var network = new StripformerNetwork(TorchReferences.Tiny(StripformerOutput.Residual));
        using (no_grad())
        {
            foreach (var parameter in network.parameters())
            {
                parameter.zero_().Dispose();
            }
        }

        using var deblurrer = new TorchDeblurrer(network, CPU, new TilingOptions(tile, overlap));
        var image = Random(width, height);
        var output = deblurrer.Deblur(image).Pixels;
        Assert.All(Enumerable.Range(0, output.Length), i => Assert.Equal(image.Pixels[i], output[i], 1e-6f)); // weights sum to 1 within rounding
    }

    [Theory]
    [InlineData(8, 0)]
    [InlineData(32, 17)]
    [InlineData(32, -2)]
    public void Invalid_tiling_is_named(int tile, int overlap)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new TilingOptions(tile, overlap).Validate());
        Assert.True(ex.ParamName is nameof(TilingOptions.TileSize) or nameof(TilingOptions.Overlap));
    }
}
