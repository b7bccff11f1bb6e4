namespace MLNet.Stripformer.Torch.Training;

/// <summary>A batch of crops as contiguous [N, 3, H, W] arrays.</summary>
internal sealed record TrainingBatch(float[] Blurred, float[] Sharp, int Count, int Width, int Height)
{
    public static TrainingBatch Of(IReadOnlyList<TrainingCrop> crops)
    {
        var first = crops[0];
        foreach (var crop in crops)
        {
            if (crop.Width != first.Width || crop.Height != first.Height)
            {
                throw new ArgumentException(
                    $"Whole-image training (CropSize 0) needs images of one size; a batch mixes {first.Width}x{first.Height} and {crop.Width}x{crop.Height}. Set CropSize or ResizeTo.");
            }
        }

        int length = first.Blurred.Length;
        var blurred = new float[crops.Count * length];
        var sharp = new float[crops.Count * length];
        for (int i = 0; i < crops.Count; i++)
        {
            crops[i].Blurred.CopyTo(blurred, i * length);
            crops[i].Sharp.CopyTo(sharp, i * length);
        }

        return new TrainingBatch(blurred, sharp, crops.Count, first.Width, first.Height);
    }
}
