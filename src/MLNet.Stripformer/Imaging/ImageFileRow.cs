namespace MLNet.Stripformer.Imaging;

/// <summary>One loaded image file as a row: the path and the packed image (see <see cref="PackedImage"/>).</summary>
public sealed class ImageFileRow
{
    /// <summary>The file the image came from.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>The packed image.</summary>
    public float[] Image { get; set; } = [];
}
