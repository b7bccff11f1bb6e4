using BenchmarkDotNet.Attributes;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Benchmarks;

/// <summary>Blur of a 12-megapixel (4000x3000) RGB photo on one thread.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class BlurBenchmarks
{
    private RgbImage _image = null!;

    /// <summary>The kernel.</summary>
    [Params("gaussian:11:1.6", "gaussian:3:0.3", "motion:15:30", "disk:4")]
    public string Kernel { get; set; } = "gaussian:11:1.6";

    [GlobalSetup]
    public void Setup() => _image = BenchmarkImages.Photo(4000, 3000);

    [Benchmark]
    public RgbImage Blur() => ImageBlur.Apply(_image, BlurKernel.Parse(Kernel));
}
