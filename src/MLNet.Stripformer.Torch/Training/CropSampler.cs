using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>Random aligned crops of a pair with optional flips and 90-degree rotations, as planar float arrays.</summary>
internal static class CropSampler
{
    public static TrainingCrop Sample(TrainingPair pair, int cropSize, bool augment, Random random)
    {
        int width = pair.Sharp.Width, height = pair.Sharp.Height;
        int cw = cropSize == 0 ? width : cropSize, ch = cropSize == 0 ? height : cropSize;
        if (cw > width || ch > height)
        {
            throw new ArgumentException($"CropSize {cropSize} is larger than the image at row {pair.Row} ({width}x{height}); use a smaller crop or larger images.");
        }

        int x0 = random.Next(width - cw + 1), y0 = random.Next(height - ch + 1);
        bool flipX = augment && random.Next(2) == 1, flipY = augment && random.Next(2) == 1;
        int rotations = augment && cw == ch ? random.Next(4) : 0;
        return new TrainingCrop(
            Extract(pair.Blurred, x0, y0, cw, ch, flipX, flipY, rotations),
            Extract(pair.Sharp, x0, y0, cw, ch, flipX, flipY, rotations),
            cw,
            ch);
    }

    /// <summary>The centred crop (or the whole image for size 0), for validation.</summary>
    public static TrainingCrop Centre(TrainingPair pair, int cropSize)
    {
        int width = pair.Sharp.Width, height = pair.Sharp.Height;
        int cw = cropSize == 0 ? width : Math.Min(cropSize, width), ch = cropSize == 0 ? height : Math.Min(cropSize, height);
        int x0 = (width - cw) / 2, y0 = (height - ch) / 2;
        return new TrainingCrop(Extract(pair.Blurred, x0, y0, cw, ch, false, false, 0), Extract(pair.Sharp, x0, y0, cw, ch, false, false, 0), cw, ch);
    }

    private static float[] Extract(RgbImage image, int x0, int y0, int cw, int ch, bool flipX, bool flipY, int rotations)
    {
        var result = new float[RgbImage.Channels * cw * ch];
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            ReadOnlySpan<float> plane = image.Plane(c);
            Span<float> target = result.AsSpan(c * cw * ch, cw * ch);
            for (int y = 0; y < ch; y++)
            {
                for (int x = 0; x < cw; x++)
                {
                    // Output pixel (x, y) reads the crop pixel that the flips and a counter-clockwise rotation bring there.
                    int sx = x, sy = y;
                    for (int r = 0; r < rotations; r++)
                    {
                        (sx, sy) = (cw - 1 - sy, sx);
                    }

                    sx = flipX ? cw - 1 - sx : sx;
                    sy = flipY ? ch - 1 - sy : sy;
                    target[(y * cw) + x] = plane[((y0 + sy) * image.Width) + x0 + sx];
                }
            }
        }

        return result;
    }
}
