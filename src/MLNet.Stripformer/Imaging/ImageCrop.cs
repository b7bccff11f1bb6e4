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
        return Region(image, (image.Width - w) / 2, (image.Height - h) / 2, w, h);
    }

    /// <summary>The <paramref name="width"/> x <paramref name="height"/> rectangle at (<paramref name="left"/>,
    /// <paramref name="top"/>), which must lie inside the image.</summary>
    /// <param name="image">The image.</param>
    /// <param name="left">Left column.</param>
    /// <param name="top">Top row.</param>
    /// <param name="width">Width, positive.</param>
    /// <param name="height">Height, positive.</param>
    public static RgbImage Region(RgbImage image, int left, int top, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (left < 0 || top < 0 || width < 1 || height < 1 || left + width > image.Width || top + height > image.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"The region {width}x{height} at ({left}, {top}) is not inside the {image.Width}x{image.Height} image.");
        }

        int w = width, h = height;
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
