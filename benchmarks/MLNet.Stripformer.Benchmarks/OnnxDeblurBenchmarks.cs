using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Benchmarks;

/// <summary>
/// The seed Stripformer through the ML.NET <c>Deblur</c> transform with its default options (ONNX Runtime, CPU,
/// every core, tiling 512/32) on one photo per invocation, at 448x256 and 1024x1024 (target at 448x256: under 0.6 s). The 4000x3000
/// case is <see cref="OnnxLargeImageBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class OnnxDeblurBenchmarks
{
    private PredictionEngine<ImageRow, DeblurredRow> _engine = null!;
    private ImageRow _row = null!;

    /// <summary>Width x height.</summary>
    [Params("448x256", "1024x1024")]
    public string Size { get; set; } = "448x256";

    [GlobalSetup]
    public void Setup() => (_engine, _row) = OnnxDeblurSetup.Create(Size);

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public float[] Deblur() => _engine.Predict(_row).Deblurred;
}

/// <summary>A 12-megapixel photo (4000x3000) through the same transform, tiled 512/32: seconds per image.</summary>
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class OnnxLargeImageBenchmarks
{
    private PredictionEngine<ImageRow, DeblurredRow> _engine = null!;
    private ImageRow _row = null!;

    [GlobalSetup]
    public void Setup() => (_engine, _row) = OnnxDeblurSetup.Create("4000x3000");

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public float[] Deblur() => _engine.Predict(_row).Deblurred;
}

/// <summary>A packed image row.</summary>
public sealed class ImageRow
{
    /// <summary>The packed image.</summary>
    [VectorType]
    public float[] Image { get; set; } = [];
}

/// <summary>A deblurred packed image row.</summary>
public sealed class DeblurredRow
{
    /// <summary>The packed result.</summary>
    [VectorType]
    public float[] Deblurred { get; set; } = [];
}

internal static class OnnxDeblurSetup
{
    public static (PredictionEngine<ImageRow, DeblurredRow> Engine, ImageRow Row) Create(string size)
    {
        int[] parts = size.Split('x').Select(int.Parse).ToArray();
        var row = new ImageRow { Image = PackedImage.Pack(BenchmarkImages.Photo(parts[0], parts[1])) };
        var context = new MLContext();
        var schema = context.Data.LoadFromEnumerable(Array.Empty<ImageRow>());
        var model = context.Transforms.Deblur(nameof(DeblurredRow.Deblurred), nameof(ImageRow.Image), OnnxModels.Ours).Fit(schema);
        return (context.Model.CreatePredictionEngine<ImageRow, DeblurredRow>(model), row);
    }
}
