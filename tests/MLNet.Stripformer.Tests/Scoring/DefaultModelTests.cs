using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Onnx;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Support;
using Xunit.Abstractions;

namespace MLNet.Stripformer.Tests.Scoring;

public class DefaultModelTests(ITestOutputHelper output)
{
    [Fact]
    public void The_shipped_model_is_the_seed_network_with_its_parameter_count()
    {
        byte[] embedded = DefaultDeblurModel.ReadAllBytes();
        var model = OnnxModelReader.Read(embedded, DefaultDeblurModel.FileName);

        Assert.Equal("seed", model.Metadata["stripformer.config"]);
        Assert.Equal("3162883", model.Metadata["stripformer.parameters"]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "models", DefaultDeblurModel.FileName)), embedded);
    }

    [Fact]
    public void Deblur_without_a_model_raises_psnr_over_sigma_1_6_blur_on_two_sample_photos()
    {
        var ml = new MLContext(seed: 1);
        string[] photos = ["python3-skimage__grass.png", "scribus-template__menu2_pizza.jpg"];
        var rows = photos.Select(name => new TestImages.ImageRow
        {
            Image = PackedImage.Pack(ImageCrop.Centre(ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "photos", name)), 448, 256)),
        });
        var sharp = ml.Data.LoadFromEnumerable(rows);
        var scored = ml.Transforms.SynthesizeBlur("Blurred", "Image", [BlurKernel.Gaussian(11, 1.6)])
            .Append(ml.Transforms.Deblur("Deblurred", "Blurred"))
            .Fit(sharp).Transform(sharp);

        var blurred = ml.Deblurring().Evaluate(scored, "Image", "Blurred", pathColumnName: null).PerImage;
        var deblurred = ml.Deblurring().Evaluate(scored, "Image", "Deblurred", pathColumnName: null).PerImage;
        Assert.Equal(2, deblurred.Count);
        for (int i = 0; i < photos.Length; i++)
        {
            output.WriteLine($"{photos[i]}: blurred {blurred[i].Psnr:F4} dB, deblurred {deblurred[i].Psnr:F4} dB");
            Assert.True(deblurred[i].Psnr > blurred[i].Psnr, $"{photos[i]}: deblurred {deblurred[i].Psnr:F2} dB, blurred {blurred[i].Psnr:F2} dB");
        }
    }

    [Fact]
    public void The_default_model_writes_to_a_file_that_the_path_overload_scores_identically()
    {
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, DefaultDeblurModel.FileName);
        DefaultDeblurModel.WriteTo(path);

        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable([new TestImages.ImageRow { Image = PackedImage.Pack(TestImages.Noise(20, 12, seed: 3)) }]);
        float[] fromResource = ml.Transforms.Deblur("Deblurred", "Image").Fit(data).Transform(data).GetColumn<float[]>("Deblurred").Single();
        float[] fromFile = ml.Transforms.Deblur("Deblurred", "Image", path).Fit(data).Transform(data).GetColumn<float[]>("Deblurred").Single();
        Assert.Equal(fromFile, fromResource);
    }
}
