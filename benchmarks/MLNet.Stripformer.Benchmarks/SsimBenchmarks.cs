using BenchmarkDotNet.Attributes;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Benchmarks;

/// <summary>PSNR and SSIM of a 12-megapixel photo against its blurred copy.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class SsimBenchmarks
{
    private RgbImage _sharp = null!;
    private RgbImage _blurred = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sharp = BenchmarkImages.Photo(4000, 3000);
        _blurred = ImageBlur.Apply(_sharp, BlurKernel.Gaussian(11, 1.6));
    }

    [Benchmark]
    public double Ssim() => Evaluation.Ssim.Compute(_sharp, _blurred);

    [Benchmark]
    public double Psnr() => Evaluation.Psnr.Compute(_sharp, _blurred);
}
