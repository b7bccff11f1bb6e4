namespace MLNet.Stripformer.Torch.Training;

/// <summary>One training sample: aligned planar crops of the blurred and sharp images.</summary>
internal sealed record TrainingCrop(float[] Blurred, float[] Sharp, int Width, int Height);
