namespace MLNet.Stripformer.Evaluation;

/// <summary>The quality of one restored image against its ground truth.</summary>
/// <param name="Row">Position of the row in the evaluated data.</param>
/// <param name="Path">The file the row came from, when the data has a path column; otherwise null.</param>
/// <param name="Width">Image width.</param>
/// <param name="Height">Image height.</param>
/// <param name="Psnr">PSNR in decibels; <see cref="double.PositiveInfinity"/> when the images are identical.</param>
/// <param name="Ssim">Mean SSIM over channels; NaN when the image is smaller than the 11x11 SSIM window.</param>
public sealed record ImageQuality(long Row, string? Path, int Width, int Height, double Psnr, double Ssim);
