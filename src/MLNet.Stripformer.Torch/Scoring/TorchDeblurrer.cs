using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Torch.Modules;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Scoring;

/// <summary>
/// Deblurs <see cref="RgbImage"/>s with a TorchSharp Stripformer, whole or in overlapping tiles. Thread-safe: calls
/// are serialised around the network (TorchSharp already uses every core inside one call).
/// </summary>
public sealed class TorchDeblurrer : IDisposable
{
    private readonly object _gate = new();
    private readonly Device _device;
    private readonly TilingOptions _tiling;

    /// <summary>Wraps a network.</summary>
    /// <param name="network">The network; it is put in evaluation mode and owned by this object.</param>
    /// <param name="device">Where the network lives.</param>
    /// <param name="tiling">Tile size and overlap.</param>
    public TorchDeblurrer(StripformerNetwork network, Device device, TilingOptions? tiling = null)
    {
        Network = network ?? throw new ArgumentNullException(nameof(network));
        _device = device;
        _tiling = tiling ?? new TilingOptions();
        _tiling.Validate();
        Network.eval();
    }

    /// <summary>The network.</summary>
    public StripformerNetwork Network { get; }

    /// <summary>Deblurs one image in the tiles of <see cref="TilePlan"/>; the result has the same size, samples clamped to [0, 1].</summary>
    /// <param name="image">The blurred image.</param>
    public RgbImage Deblur(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var rows = TilePlan.Tiles(image.Height, _tiling.TileSize, _tiling.Overlap);
        var columns = TilePlan.Tiles(image.Width, _tiling.TileSize, _tiling.Overlap);
        int h = rows.Size, w = columns.Size;
        var result = new RgbImage(image.Width, image.Height);
        lock (_gate)
        {
            using var noGrad = no_grad();
            for (int row = 0; row < rows.Starts.Length; row++)
            {
                for (int column = 0; column < columns.Starts.Length; column++)
                {
                    int y0 = rows.Starts[row], x0 = columns.Starts[column];
                    var tile = Run(Crop(image, x0, y0, w, h), w, h);
                    AddWeighted(result, tile, x0, y0, w, h, rows.Weights[row], columns.Weights[column]);
                }
            }
        }

        for (int c = 0; c < RgbImage.Channels; c++)
        {
            foreach (ref float sample in result.Plane(c))
            {
                sample = Math.Clamp(sample, 0f, 1f);
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => Network.Dispose();

    private float[] Run(float[] planes, int width, int height)
    {
        using var scope = NewDisposeScope();
        var output = Network.forward(tensor(planes, [1, 3, height, width]).to(_device));
        return output.to(ScalarType.Float32).cpu().data<float>().ToArray();
    }

    private static float[] Crop(RgbImage image, int x0, int y0, int w, int h)
    {
        var planes = new float[RgbImage.Channels * w * h];
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            ReadOnlySpan<float> plane = image.Plane(c);
            for (int y = 0; y < h; y++)
            {
                plane.Slice(((y0 + y) * image.Width) + x0, w).CopyTo(planes.AsSpan((((c * h) + y) * w), w));
            }
        }

        return planes;
    }

    /// <summary>Adds a tile's output, weighted by the product of its row and column weights (the ONNX graph's mask,
    /// computed once for the three channels), into the image.</summary>
    private static void AddWeighted(RgbImage result, float[] tile, int x0, int y0, int w, int h, float[] rowWeights, float[] columnWeights)
    {
        var mask = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                mask[(y * w) + x] = rowWeights[y] * columnWeights[x];
            }
        }

        for (int c = 0; c < RgbImage.Channels; c++)
        {
            Span<float> target = result.Plane(c);
            for (int y = 0; y < h; y++)
            {
                var source = tile.AsSpan(((c * h) + y) * w, w);
                var weights = mask.AsSpan(y * w, w);
                var destination = target.Slice(((y0 + y) * result.Width) + x0, w);
                for (int x = 0; x < w; x++)
                {
                    destination[x] += source[x] * weights[x];
                }
            }
        }
    }
}
