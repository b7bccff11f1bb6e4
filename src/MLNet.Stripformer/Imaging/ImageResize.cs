namespace MLNet.Stripformer.Imaging;

/// <summary>Bilinear resizing with half-pixel centres (as OpenCV's <c>INTER_LINEAR</c> and PyTorch's
/// <c>interpolate(..., align_corners=False)</c> map coordinates), without antialiasing and without rounding.</summary>
public static class ImageResize
{
    /// <summary>Resizes an image.</summary>
    /// <param name="image">The image.</param>
    /// <param name="width">New width (at least 1).</param>
    /// <param name="height">New height (at least 1).</param>
    public static RgbImage Bilinear(RgbImage image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (width == image.Width && height == image.Height)
        {
            return image.Clone();
        }

        var (x0, x1, fx) = Axis(image.Width, width);
        var (y0, y1, fy) = Axis(image.Height, height);
        var result = new RgbImage(width, height);
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            ReadOnlySpan<float> src = image.Plane(c);
            Span<float> dst = result.Plane(c);
            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<float> top = src.Slice(y0[y] * image.Width, image.Width), bottom = src.Slice(y1[y] * image.Width, image.Width);
                float wy = fy[y];
                for (int x = 0; x < width; x++)
                {
                    float upper = top[x0[x]] + ((top[x1[x]] - top[x0[x]]) * fx[x]);
                    float lower = bottom[x0[x]] + ((bottom[x1[x]] - bottom[x0[x]]) * fx[x]);
                    dst[(y * width) + x] = upper + ((lower - upper) * wy);
                }
            }
        }

        return result;
    }

    private static (int[] Low, int[] High, float[] Fraction) Axis(int source, int target)
    {
        var low = new int[target];
        var high = new int[target];
        var fraction = new float[target];
        double scale = (double)source / target;
        for (int i = 0; i < target; i++)
        {
            double position = Math.Max(((i + 0.5) * scale) - 0.5, 0);
            int floor = Math.Min((int)position, source - 1);
            low[i] = floor;
            high[i] = Math.Min(floor + 1, source - 1);
            fraction[i] = (float)(position - floor);
        }

        return (low, high, fraction);
    }
}
