using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Scoring;

/// <summary>Issue 18: bytes in, image out through a <c>PredictionEngine</c> of ML.NET images (the README's program).</summary>
public sealed class BytesInImageOutTests
{
    public sealed class Photo
    {
        public MLImage? Image { get; set; }
    }

    public sealed class Result
    {
        public MLImage? Deblurred { get; set; }
    }

    [Fact]
    public void A_prediction_engine_takes_an_mlimage_made_from_bytes_and_returns_the_deblurred_mlimage()
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "blurred.png");
        ImageEncoder.Save(TestImages.Noise(50, 38, 7), file);

        // The README's program.
        var ml = new MLContext().RegisterStripformerComponents();
        var model = ml.Transforms.Deblur("Deblurred", "Image").Fit(ml.Data.LoadFromEnumerable(Array.Empty<Photo>()));
        using var engine = ml.Model.CreatePredictionEngine<Photo, Result>(model);
        using var input = MLImage.CreateFromStream(File.OpenRead(file));
        using var output = engine.Predict(new Photo { Image = input }).Deblurred!;

        // The same as the packed path (what the CLI's deblur runs) on the same file, rounded to 8 bits.
        var packed = ml.Data.LoadFromEnumerable([new TestImages.ImageRow { Image = PackedImage.Pack(ImageDecoder.Decode(file)) }]);
        var expected = ImageColumn.Read(ml.Transforms.Deblur("Deblurred", "Image").Fit(packed).Transform(packed), "Deblurred").Single();
        Assert.Equal((50, 38), (output.Width, output.Height));
        float worst = expected.Pixels.Zip(MLImageConversion.ToRgbImage(output).Pixels).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= 0.5f / 255f + 1e-6f, $"{worst * 255} levels from the packed path");
    }
}
