namespace MLNet.Stripformer.Torch.Scoring;

/// <summary>How large images are split for inference: square tiles that overlap, each contributing only its centre
/// (the outer half of the overlap is dropped except at the image border), so memory stays bounded.</summary>
/// <param name="TileSize">Tile side in pixels (a multiple of 4); images no larger than one tile run whole.</param>
/// <param name="Overlap">Overlap between neighbouring tiles in pixels (even, smaller than the tile).</param>
public sealed record TilingOptions(int TileSize = 512, int Overlap = 32)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the invalid field.</summary>
    public void Validate()
    {
        if (TileSize < 16 || TileSize % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TileSize), TileSize, $"{nameof(TileSize)} must be a multiple of 4, at least 16.");
        }

        if (Overlap < 0 || Overlap % 2 != 0 || Overlap >= TileSize)
        {
            throw new ArgumentOutOfRangeException(nameof(Overlap), Overlap, $"{nameof(Overlap)} must be even, non-negative and smaller than {nameof(TileSize)} ({TileSize}).");
        }
    }
}
