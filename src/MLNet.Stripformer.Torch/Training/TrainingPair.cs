using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>A (blurred, sharp) pair read from a data view, with its row number for error messages.</summary>
internal sealed record TrainingPair(RgbImage Blurred, RgbImage Sharp, long Row);
