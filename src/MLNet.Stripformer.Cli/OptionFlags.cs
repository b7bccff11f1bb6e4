namespace MLNet.Stripformer.Cli;

/// <summary>
/// The command-line flag that sets each library option, so that an error the library raises about an option
/// (<see cref="ArgumentException.ParamName"/>) names the flag the user typed.
/// </summary>
internal static class OptionFlags
{
    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["BatchSize"] = "--batch",
        ["CropSize"] = "--crop",
        ["CropsPerImage"] = "--crops-per-image",
        ["Epochs"] = "--epochs",
        ["LearningRate"] = "--lr",
        ["EarlyStoppingPatience"] = "--patience",
        ["ContrastiveWeight"] = "--contrastive-weight",
        ["CharbonnierWeight"] = "--charbonnier-weight",
        ["MeanSquaredWeight"] = "--mse-weight",
        ["PsnrWeight"] = "--psnr-weight",
        ["PsnrCeiling"] = "--psnr-ceiling",
        ["EdgeWeight"] = "--edge-weight",
        ["StartAtIdentity"] = "--identity-start",
        ["FeatureNetworkPath"] = "--vgg",
        ["InitialWeights"] = "--init",
        ["ResumeFrom"] = "--resume",
        ["TileSize"] = "--tile",
        ["TileOverlap"] = "--overlap",
        ["Overlap"] = "--overlap",
        ["IntraOpThreads"] = "--threads",
        ["Kernels"] = "--kernel",
        ["CalibrationImages"] = "--images",
        ["CalibrationSize"] = "--size",
        ["WeightBits"] = "--weight-bits",
    };

    /// <summary>The message, led by the flag when the exception names an option that a flag sets.</summary>
    public static string Describe(ArgumentException ex, string message) =>
        ex.ParamName is { } name && Flags.TryGetValue(name, out string? flag) ? $"{flag}: {message}" : message;
}
