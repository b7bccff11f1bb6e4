using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Benchmarks;

/// <summary>
/// TorchSharp Stripformer (<c>seed</c>) on the CPU: one 256x448 forward pass, and training throughput at crop 128,
/// batch 4 (the PyTorch reference's figures: 3.9-5.2 s and 1.27 images/s on these machines). A training invocation
/// runs the public trainer for 5 steps (background loader included, no validation): images/s = 20 / time.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class TorchBenchmarks
{
    private StripformerNetwork _network = null!;
    private Tensor _image = null!;
    private IDataView _pairs = null!;
    private MLContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize();
        _network = new StripformerNetwork(StripformerConfig.Seed);
        _network.eval();
        _image = rand(1, 3, 256, 448);
        _context = new MLContext(seed: 1);
        var photo = BenchmarkImages.Photo(512, 512);
        var sharp = _context.Data.LoadFromEnumerable([new ImageFileRow { Path = "tiled", Image = PackedImage.Pack(photo) }]);
        _pairs = BlurPairs.Expand(_context, sharp, [BlurKernel.Gaussian(11, 1.6)]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _network.Dispose();
        _image.Dispose();
    }

    [Benchmark]
    public void ForwardFloat32()
    {
        using var noGrad = no_grad();
        using var output = _network.forward(_image);
    }

    [Benchmark]
    public void TrainFiveStepsFloat32() => Train(TrainingPrecision.Float32);

    [Benchmark]
    public void TrainFiveStepsBFloat16() => Train(TrainingPrecision.BFloat16);

    private void Train(TrainingPrecision precision)
    {
        var options = new StripformerTrainerOptions
        {
            Config = StripformerConfig.Seed,
            Output = StripformerOutput.Residual,
            CropSize = 128,
            BatchSize = 4,
            CropsPerImage = 20,
            Epochs = 1,
            Precision = precision,
            Device = ComputeDevice.Cpu,
            Seed = 1,
        };
        using var model = _context.Deblurring().Trainers.Stripformer(options).Fit(_pairs);
    }
}
