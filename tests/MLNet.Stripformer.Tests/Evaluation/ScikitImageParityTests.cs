using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Evaluation;

public class ScikitImageParityTests
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
        double ourPsnr = Psnr.Compute(a, b);
        if (double.IsPositiveInfinity(psnr))
        {
            Assert.True(double.IsPositiveInfinity(ourPsnr));
        }
        else
        {
            Assert.InRange(ourPsnr, psnr - 0.01, psnr + 0.01);
        }

        Assert.InRange(Ssim.Compute(a, b), ssim - 1e-3, ssim + 1e-3);
    }
}
