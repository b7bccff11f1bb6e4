using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Scoring;

/// <summary>
/// Runs a network over an image tile by tile in .NET, following <see cref="TilePlan"/> exactly as the ONNX graph of
/// <c>Deblur</c> does (same tiles, same normalised blending weights, result clipped to [0, 1]), so that a caller can
/// report progress and stop between tiles. Used by <see cref="ImageDeblurrer"/> (ONNX Runtime) and the TorchSharp
/// deblurrer.
/// </summary>
internal static class TiledImageRun
{
    /// <summary>The blended result of <paramref name="network"/> over the tiles of <paramref name="image"/>.</summary>
    /// <param name="image">The image.</param>
    /// <param name="tileSize">The largest tile, 0 for the whole image.</param>
    /// <param name="overlap">The least overlap between neighbouring tiles.</param>
    /// <param name="network">Runs one tile: planar RGB samples [3, height, width], width, height; returns the same layout.</param>
    /// <param name="progress">Told after each tile.</param>
    /// <param name="cancellationToken">Checked before each tile.</param>
    public static RgbImage Run(RgbImage image, int tileSize, int overlap, Func<float[], int, int, float[]> network, IProgress<TileProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(network);
        var rows = TilePlan.Tiles(image.Height, tileSize, overlap);
        var columns = TilePlan.Tiles(image.Width, tileSize, overlap);
        int h = rows.Size, w = columns.Size, total = rows.Starts.Length * columns.Starts.Length, done = 0;
        var result = new RgbImage(image.Width, image.Height);
        for (int row = 0; row < rows.Starts.Length; row++)
        {
            for (int column = 0; column < columns.Starts.Length; column++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int y0 = rows.Starts[row], x0 = columns.Starts[column];
                var tile = network(Crop(image, x0, y0, w, h), w, h);
                AddWeighted(result, tile, x0, y0, w, h, rows.Weights[row], columns.Weights[column]);
                progress?.Report(new TileProgress(++done, total));
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
