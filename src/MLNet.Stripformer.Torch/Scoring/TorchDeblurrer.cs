using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Imaging;
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

    /// <summary>Deblurs one image; the result has the same size, samples clamped to [0, 1].</summary>
    /// <param name="image">The blurred image.</param>
    public RgbImage Deblur(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new RgbImage(image.Width, image.Height);
        lock (_gate)
        {
            using var noGrad = no_grad();
            foreach (var (x0, y0, w, h, keepX0, keepY0, keepX1, keepY1) in Tiles(image.Width, image.Height))
            {
                var tile = Run(Crop(image, x0, y0, w, h), w, h);
                for (int c = 0; c < RgbImage.Channels; c++)
                {
                    Span<float> target = result.Plane(c);
                    for (int y = keepY0; y < keepY1; y++)
                    {
                        tile.AsSpan((((c * h) + y) * w) + keepX0, keepX1 - keepX0).CopyTo(target.Slice(((y0 + y) * image.Width) + x0 + keepX0));
                    }
                }
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => Network.Dispose();

    private float[] Run(float[] planes, int width, int height)
    {
        using var scope = NewDisposeScope();
        var output = Network.forward(tensor(planes, [1, 3, height, width]).to(_device)).ClampTo(0, 1);
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

    private IEnumerable<(int X0, int Y0, int W, int H, int KeepX0, int KeepY0, int KeepX1, int KeepY1)> Tiles(int width, int height)
    {
        foreach (var (x0, w, kx0, kx1) in Axis(width))
        {
            foreach (var (y0, h, ky0, ky1) in Axis(height))
            {
                yield return (x0, y0, w, h, kx0, ky0, kx1, ky1);
            }
        }
    }

    /// <summary>Tile starts along one axis with the part of each tile that is kept.</summary>
    private IEnumerable<(int Start, int Length, int Keep0, int Keep1)> Axis(int length)
    {
        int tile = _tiling.TileSize, half = _tiling.Overlap / 2, step = tile - _tiling.Overlap;
        if (length <= tile)
        {
            yield return (0, length, 0, length);
            yield break;
        }

        int previousEnd = 0;
        for (int start = 0; ; start += step)
        {
            bool last = start + tile >= length;
            int s = last ? length - tile : start;
            int keep0 = previousEnd - s;
            int keep1 = last ? tile : tile - half;
            yield return (s, tile, keep0, keep1);
            previousEnd = s + keep1;
            if (last)
            {
                yield break;
            }
        }
    }
}
