using System.Security.Cryptography;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;
using Xunit.Abstractions;

namespace MLNet.Stripformer.Tests.Blur;

public class OpenCvParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> WholePhotos => new(References.Load().Whole.Select(w => w.Photo).Distinct());

    [Fact]
    public void Crops_of_real_photos_match_opencv_within_one_level_and_995_percent_exact()
    {
        long total = 0, exact = 0;
        int worst = 0;
        foreach (var crop in References.Load().Crops)
        {
            var input = ImageDecoder.Decode(TestPaths.Reference(crop.Input));
            foreach (var (spec, file) in crop.Blurred)
            {
                var ours = ImageBlur.Apply(input, BlurKernel.Parse(spec));
                var opencv = ImageDecoder.Decode(TestPaths.Reference(file));
                for (int i = 0; i < ours.Pixels.Length; i++)
                {
                    int diff = Math.Abs(SampleQuantizer.ToByte(ours.Pixels[i]) - SampleQuantizer.ToByte(opencv.Pixels[i]));
                    worst = Math.Max(worst, diff);
                    exact += diff == 0 ? 1 : 0;
                    total++;
                }
            }
        }

        double percent = 100.0 * exact / total;
        output.WriteLine($"{total} samples, {percent:F4}% exact, worst difference {worst}");
        Assert.True(worst <= 1, $"worst difference {worst} levels");
        Assert.True(percent >= 99.5, $"{percent:F3}% exact");
    }

    [Theory]
    [MemberData(nameof(WholePhotos))]
    public void Whole_png_photos_blur_to_exactly_opencvs_bytes(string photo)
    {
        var image = ImageDecoder.Decode(Path.Combine(TestPaths.Photos, photo));
        foreach (var entry in References.Load().Whole.Where(w => w.Photo == photo))
        {
            Assert.Equal((entry.Width, entry.Height), (image.Width, image.Height));
            var blurred = ImageBlur.Apply(image, BlurKernel.Parse(entry.Kernel));
            Assert.Equal(entry.Sha256, Convert.ToHexStringLower(SHA256.HashData(InterleavedBytes(blurred))));
        }
    }

    private static byte[] InterleavedBytes(RgbImage image)
    {
        var bytes = new byte[image.Pixels.Length];
        int plane = image.PlaneLength;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                bytes[(i * 3) + c] = SampleQuantizer.ToByte(image.Pixels[(c * plane) + i]);
            }
        }

        return bytes;
    }
}
