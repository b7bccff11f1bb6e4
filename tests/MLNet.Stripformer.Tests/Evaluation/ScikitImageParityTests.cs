using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;
using Xunit.Abstractions;

namespace MLNet.Stripformer.Tests.Evaluation;

public class ScikitImageParityTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, double, double> Pairs()
    {
        var data = new TheoryData<string, string, double, double>();
        foreach (var m in References.Load().Metrics)
        {
            data.Add(m.Reference, m.Candidate, m.Psnr, m.Ssim);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Psnr_within_001_db_and_ssim_within_1e3_of_scikit_image(string reference, string candidate, double psnr, double ssim)
    {
        var a = ImageDecoder.Decode(TestPaths.Reference(reference));
        var b = ImageDecoder.Decode(TestPaths.Reference(candidate));
        double ourPsnr = Psnr.Compute(a, b), ourSsim = Ssim.Compute(a, b);
        output.WriteLine($"{candidate}: PSNR {ourPsnr:R} vs {psnr:R} (diff {ourPsnr - psnr:E2}); SSIM {ourSsim:R} vs {ssim:R} (diff {ourSsim - ssim:E2})");
        if (double.IsPositiveInfinity(psnr))
        {
            Assert.True(double.IsPositiveInfinity(ourPsnr));
        }
        else
        {
            Assert.InRange(ourPsnr, psnr - 0.01, psnr + 0.01);
        }

        Assert.InRange(ourSsim, ssim - 1e-3, ssim + 1e-3);
    }
}
