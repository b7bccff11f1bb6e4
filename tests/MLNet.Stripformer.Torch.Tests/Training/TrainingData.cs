using Microsoft.ML;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Training;
using MLNet.Stripformer.Torch.Tests.Support;

namespace MLNet.Stripformer.Torch.Tests.Training;

/// <summary>Small (blurred, sharp) pairs from the committed photo crops, and tiny-network options.</summary>
internal static class TrainingData
{
    public static IDataView Pairs(MLContext context, params string[] crops) =>
        BlurPairs.Expand(context, context.Data.LoadImages(crops.Select(c => TestPaths.Reference(c))), [BlurKernel.Gaussian(7, 1.0)]);

    public static StripformerTrainerOptions TinyOptions(MLContext context, int epochs = 2) => new()
    {
        Config = TorchReferences.Tiny(StripformerOutput.Residual),
        CropSize = 32,
        BatchSize = 2,
        CropsPerImage = 3,
        Epochs = epochs,
        LearningRate = 1e-3,
        Precision = TrainingPrecision.Float32,
        Device = MLNet.Stripformer.Torch.Runtime.ComputeDevice.Cpu,
        ValidationData = Pairs(context, "crop2.png"),
        ValidationCropSize = 64,
        Seed = 5,
    };
}
