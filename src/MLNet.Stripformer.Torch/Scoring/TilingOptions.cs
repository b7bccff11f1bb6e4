using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Torch.Scoring;

/// <summary>How large images are split for TorchSharp inference: the same tiles and blending as the ONNX
/// <c>Deblur</c> transform (<see cref="DeblurOptions.TileSize"/>), so both paths give the same pixels.</summary>
/// <param name="TileSize">Tile side in pixels, 0 to run every image whole; see <see cref="DeblurOptions.TileSize"/>.</param>
/// <param name="Overlap">Pixels neighbouring tiles share; see <see cref="DeblurOptions.TileOverlap"/>.</param>
public sealed record TilingOptions(int TileSize = DeblurOptions.DefaultTileSize, int Overlap = DeblurOptions.DefaultTileOverlap)
{
    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the invalid field (the rule of <see cref="DeblurOptions"/>).</summary>
    public void Validate() => TilePlan.Validate(TileSize, Overlap, nameof(TileSize), nameof(Overlap));
}
