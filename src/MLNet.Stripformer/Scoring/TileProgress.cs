namespace MLNet.Stripformer.Scoring;

/// <summary>How far the deblurring of one image has got: <see cref="Done"/> of its <see cref="Total"/> tiles.</summary>
/// <param name="Done">Tiles finished.</param>
/// <param name="Total">Tiles of the image (1 when it fits in one tile).</param>
public readonly record struct TileProgress(int Done, int Total);
