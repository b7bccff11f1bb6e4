using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MLNet.Stripformer.Benchmarks;

/// <summary>
/// Our exporter's graph against PyTorch's exporter's graph (opset 13) for the same seed weights, in the same ONNX
/// Runtime 1.31 (CPU, 2 intra-op threads, all graph optimisations), on one 256x448 input: the raw sessions, no
/// ML.NET, measured side by side in one process; and our graph as users run it, through the ML.NET <c>Deblur</c>
/// transform with its default options (packed image in and out, the tiling wrapper, every core).
/// </summary>
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8, invocationCount: 1)]
public class ExporterComparisonBenchmarks
{
    private InferenceSession _ours = null!;
    private InferenceSession _pytorch = null!;
    private DenseTensor<float> _input = null!;
    private Microsoft.ML.PredictionEngine<ImageRow, DeblurredRow> _deblur = null!;
    private ImageRow _row = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new SessionOptions { IntraOpNumThreads = 2, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _ours = new InferenceSession(OnnxModels.Ours, options);
        _pytorch = new InferenceSession(OnnxModels.PyTorch, options);
        var photo = BenchmarkImages.Photo(448, 256);
        _input = new DenseTensor<float>(photo.Pixels, [1, 3, 256, 448]);
        (_deblur, _row) = OnnxDeblurSetup.Create("448x256");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ours.Dispose();
        _pytorch.Dispose();
        _deblur.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void PyTorchExporter() => Run(_pytorch);

    [Benchmark]
    public void OurExporter() => Run(_ours);

    [Benchmark]
    public float[] OurExporterThroughDeblur() => _deblur.Predict(_row).Deblurred;

    private void Run(InferenceSession session)
    {
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", _input)]);
    }
}
