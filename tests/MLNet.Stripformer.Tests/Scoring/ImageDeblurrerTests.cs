using Microsoft.ML;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Scoring;

/// <summary>Issue 19.4: one image deblurred tile by tile with progress and cancellation, equal to the Deblur transform.</summary>
public sealed class ImageDeblurrerTests
{
    private static RgbImage Photo() =>
        ImageCrop.Centre(ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "photos", "python3-skimage__grass.png")), 150, 100);

    [Fact]
    public void Tiles_are_reported_one_by_one_and_the_result_equals_the_deblur_transforms()
    {
        var options = new DeblurOptions { TileSize = 64, TileOverlap = 8, IntraOpThreads = 2 };
        var image = Photo();
        var reports = new List<TileProgress>();
        using var deblurrer = new ImageDeblurrer(options);
        var actual = deblurrer.Deblur(image, new ListProgress(reports));

        int tiles = TilePlan.Tiles(image.Height, 64, 8).Starts.Length * TilePlan.Tiles(image.Width, 64, 8).Starts.Length;
        Assert.True(tiles > 4, $"{tiles} tiles");
        Assert.Equal(Enumerable.Range(1, tiles).Select(done => new TileProgress(done, tiles)), reports);

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable([new TestImages.ImageRow { Image = PackedImage.Pack(image) }]);
        var expected = ImageColumn.Read(ml.Transforms.Deblur("Deblurred", "Image", options).Fit(data).Transform(data), "Deblurred").Single();
        float worst = expected.Pixels.Zip(actual.Pixels).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= 1e-5f, $"max |ImageDeblurrer - Deblur| = {worst}");
    }

    [Fact]
    public void The_session_fixed_to_the_first_size_and_the_one_for_other_sizes_give_the_same_pixels()
    {
        // The first size gets a session with fixed dimensions, later sizes one with symbolic dimensions: the
        // order decides which session deblurs which image, and must not change a pixel.
        var small = ImageCrop.Centre(Photo(), 40, 32);
        var large = ImageCrop.Centre(Photo(), 64, 48);
        var options = new DeblurOptions { TileSize = 0, IntraOpThreads = 2 };
        using var smallFirst = new ImageDeblurrer(options);
        using var largeFirst = new ImageDeblurrer(options);
        var (smallFixed, largeSymbolic) = (smallFirst.Deblur(small), smallFirst.Deblur(large));
        var (largeFixed, smallSymbolic) = (largeFirst.Deblur(large), largeFirst.Deblur(small));
        Assert.Equal(smallFixed.Pixels, smallFirst.Deblur(small).Pixels); // the fixed session again, bit for bit

        foreach (var (a, b) in new[] { (smallFixed, smallSymbolic), (largeFixed, largeSymbolic) })
        {
            float worst = a.Pixels.Zip(b.Pixels).Max(p => Math.Abs(p.First - p.Second));
            Assert.True(worst <= 1e-5f, $"max |fixed - symbolic| = {worst} at {a.Width}x{a.Height}");
        }
    }

    [Fact]
    public void Cancelling_stops_between_tiles()
    {
        using var cancel = new CancellationTokenSource();
        int seen = 0;
        using var deblurrer = new ImageDeblurrer(new DeblurOptions { TileSize = 64, TileOverlap = 8, IntraOpThreads = 2 });
        var progress = new ListProgress([], _ =>
        {
            seen++;
            cancel.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() => deblurrer.Deblur(Photo(), progress, cancel.Token));
        Assert.Equal(1, seen);
    }

    [Fact]
    public void Bad_images_and_models_are_refused_by_name()
    {
        using var deblurrer = new ImageDeblurrer();
        var image = new RgbImage(8, 8);
        image.Pixels[5] = float.NaN;
        Assert.Contains("NaN at sample 5", Assert.Throws<InvalidDataException>(() => deblurrer.Deblur(image)).Message, StringComparison.Ordinal);

        using var dir = new TempDirectory();
        string missing = Path.Combine(dir.Path, "missing.onnx");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => new ImageDeblurrer(missing)).Message, StringComparison.Ordinal);
        string junk = Path.Combine(dir.Path, "junk.onnx");
        File.WriteAllBytes(junk, [1, 2, 3]);
        Assert.Contains(junk, Assert.Throws<InvalidDataException>(() => new ImageDeblurrer(junk)).Message, StringComparison.Ordinal);
    }

    private sealed class ListProgress(List<TileProgress> reports, Action<TileProgress>? then = null) : IProgress<TileProgress>
    {
        public void Report(TileProgress value)
        {
            reports.Add(value);
            then?.Invoke(value);
        }
    }
}
