namespace MLNet.Stripformer.Imaging;

/// <summary>Cuts rectangles out of images.</summary>
public static class ImageCrop
{
    /// <summary>The centred <paramref name="width"/> x <paramref name="height"/> part of an image (the whole image
    /// along an axis where it is smaller).</summary>
    /// <param name="image">The image.</param>
    /// <param name="width">Wanted width, positive.</param>
    /// <param name="height">Wanted height, positive.</param>
    public static RgbImage Centre(RgbImage image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        int w = Math.Min(width, image.Width), h = Math.Min(height, image.Height);
        int left = (image.Width - w) / 2, top = (image.Height - h) / 2;
        var result = new RgbImage(w, h);
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            ReadOnlySpan<float> source = image.Plane(c);
            var target = result.Plane(c);
            for (int y = 0; y < h; y++)
            {
                source.Slice(((top + y) * image.Width) + left, w).CopyTo(target.Slice(y * w, w));
            }
        }

        return result;
    }
}
