namespace MLNet.Stripformer.Scoring;

/// <summary>
/// How an image is cut into tiles, blended and put back: the one definition that the ONNX graph (<see cref="DeblurGraph"/>,
/// through <see cref="OnnxTileArithmetic"/>) and the TorchSharp path (through <see cref="Int64TileArithmetic"/>) both
/// evaluate, so the two give the same pixels. Along each axis:
/// <list type="bullet">
/// <item>count = ceil((length - min(length, tile)) / (tile - overlap)) + 1 tiles, all of one size: about
/// (length + (count - 1)(overlap + 4)) / count, rounded up to a multiple of 4, plus length mod 4, at most length;</item>
/// <item>tile i starts at 4 floor(i (length - size) / (count - 1) / 4): on the network's stride-4 grid (a tile shifted
/// off it sees a differently sampled feature grid and its output differs visibly), evenly spread, the last one ending
/// at the image's edge;</item>
/// <item>position k of a tile weighs min(k + 1, size - k, overlap + 1), or 1 when one tile spans the axis; a pixel's
/// output is the weighted mean of the tiles covering it (the weights divided by their sum, the coverage).</item>
/// </list>
/// Tile size 0 runs the image whole. 1024 pixels in tiles of at most 512 with overlap 32: 3 tiles of 368.
/// </summary>
internal static class TilePlan
{
    /// <summary>The network's stride: tiles start on multiples of it.</summary>
    public const int Grid = 4;

    /// <summary>The smallest tile size other than 0 (no tiling).</summary>
    public const int MinimumTileSize = 16;

    /// <summary>The tiling rule for every path: tile 0 (no tiling) or at least 16 pixels, overlap between 0 and half the tile.</summary>
    /// <param name="tileSize">The tile size.</param>
    /// <param name="overlap">The overlap.</param>
    /// <param name="tileSizeName">The option's name, for the message.</param>
    /// <param name="overlapName">The option's name, for the message.</param>
    public static void Validate(int tileSize, int overlap, string tileSizeName, string overlapName)
    {
        if (tileSize != 0 && tileSize < MinimumTileSize)
        {
            throw new ArgumentOutOfRangeException(tileSizeName, tileSize, $"{tileSizeName} must be 0 (no tiling) or at least {MinimumTileSize} pixels.");
        }

        if (overlap < 0 || (tileSize > 0 && overlap > tileSize / 2))
        {
            throw new ArgumentOutOfRangeException(overlapName, overlap, $"{overlapName} must be between 0 and half the tile size ({tileSize / 2}).");
        }
    }

    /// <summary>The tiles along an axis of <paramref name="length"/> pixels.</summary>
    /// <param name="math">The arithmetic.</param>
    /// <param name="length">The axis length.</param>
    /// <param name="tileSize">The largest tile, 0 for one tile.</param>
    /// <param name="overlap">The least overlap between neighbours.</param>
    public static TileAxis<T> Axis<T>(ITileArithmetic<T> math, T length, int tileSize, int overlap)
    {
        long tile = tileSize > 0 ? tileSize : long.MaxValue / 4, stride = tileSize > 0 ? tileSize - overlap : tile;
        T one = math.Constant(1), grid = math.Constant(Grid);
        T Ceiling(T a, T b) => math.Divide(math.Add(a, math.Subtract(b, one)), b);
        T count = math.Add(Ceiling(math.Subtract(length, math.Min(length, math.Constant(tile))), math.Constant(stride)), one);
        T gaps = math.Subtract(count, one);
        T covered = math.Add(length, math.Multiply(gaps, math.Constant(overlap + Grid)));
        T aligned = math.Add(math.Multiply(Ceiling(Ceiling(covered, count), grid), grid), math.Modulo(length, grid));
        T size = math.Min(length, aligned);
        return new TileAxis<T>(count, size, math.Subtract(length, size), math.Max(gaps, one), overlap);
    }

    /// <summary>The start of tile <paramref name="index"/>.</summary>
    /// <param name="math">The arithmetic.</param>
    /// <param name="axis">The axis.</param>
    /// <param name="index">The tile's index, from 0.</param>
    public static T Start<T>(ITileArithmetic<T> math, TileAxis<T> axis, T index)
    {
        T grid = math.Constant(Grid);
        return math.Multiply(math.Divide(math.Divide(math.Multiply(index, axis.Last), axis.Divisor), grid), grid);
    }

    /// <summary>The blending weight of position <paramref name="position"/> (from 0) inside a tile.</summary>
    /// <param name="math">The arithmetic.</param>
    /// <param name="axis">The axis.</param>
    /// <param name="position">The position inside the tile (an ONNX value may hold every position at once).</param>
    public static T Weight<T>(ITileArithmetic<T> math, TileAxis<T> axis, T position)
    {
        T one = math.Constant(1);
        T ramp = math.Min(math.Min(math.Add(position, one), math.Subtract(axis.Size, position)), math.Constant(axis.Overlap + 1L));
        return math.IfEqual(axis.Count, one, one, ramp);
    }

    /// <summary>The tiles along an axis as numbers, each with its normalised weights (their sum over the tiles is 1 at every pixel).</summary>
    /// <param name="length">The axis length.</param>
    /// <param name="tileSize">The largest tile, 0 for one tile.</param>
    /// <param name="overlap">The least overlap between neighbours.</param>
    public static AxisTiles Tiles(int length, int tileSize, int overlap)
    {
        var math = Int64TileArithmetic.Instance;
        var axis = Axis(math, length, tileSize, overlap);
        int count = (int)axis.Count, size = (int)axis.Size;
        var starts = Enumerable.Range(0, count).Select(i => (int)Start(math, axis, i)).ToArray();
        var weights = Enumerable.Range(0, size).Select(k => (float)Weight(math, axis, k)).ToArray();
        var coverage = new float[length];
        foreach (int start in starts)
        {
            for (int k = 0; k < size; k++)
            {
                coverage[start + k] += weights[k];
            }
        }

        var normalised = starts.Select(start => weights.Select((w, k) => w / coverage[start + k]).ToArray()).ToArray();
        return new AxisTiles(size, starts, normalised);
    }
}

/// <summary>The tiling of one axis, as <see cref="TilePlan.Axis{T}"/> computes it.</summary>
/// <typeparam name="T">A number, or an ONNX value name.</typeparam>
/// <param name="Count">The number of tiles.</param>
/// <param name="Size">Their common size.</param>
/// <param name="Last">The last tile's start: length - size.</param>
/// <param name="Divisor">max(count - 1, 1), which spaces the starts.</param>
/// <param name="Overlap">The requested overlap, which caps the blending ramp.</param>
internal sealed record TileAxis<T>(T Count, T Size, T Last, T Divisor, int Overlap);

/// <summary>The tiles along one axis, as numbers.</summary>
/// <param name="Size">The tiles' common size.</param>
/// <param name="Starts">Where each tile starts.</param>
/// <param name="Weights">Each tile's weights, divided by the coverage so that they sum to 1 at every pixel.</param>
internal sealed record AxisTiles(int Size, int[] Starts, float[][] Weights);
