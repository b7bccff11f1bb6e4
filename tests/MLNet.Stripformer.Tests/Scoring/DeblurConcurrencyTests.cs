using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Support;
using Xunit.Abstractions;
using static MLNet.Stripformer.Tests.Support.TestImages;

namespace MLNet.Stripformer.Tests.Scoring;

[Collection(AloneCollection.Name)]
public class DeblurConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public void Resident_memory_stays_flat_over_a_thousand_images_through_shared_prediction_engines()
    {
        var context = new MLContext(seed: 1);
        var schemaOnly = context.Data.LoadFromEnumerable(Array.Empty<ImageRow>());
        var model = context.Transforms.Deblur("Deblurred", "Image", TestPaths.Reference("tiny-stripformer.onnx"), new DeblurOptions { TileSize = 16, TileOverlap = 4 }).Fit(schemaOnly);
        var engines = Enumerable.Range(0, 4).Select(_ => context.Model.CreatePredictionEngine<ImageRow, DeblurredRow>(model)).ToArray();
        void Score(int from, int count) => Parallel.For(0, engines.Length, thread =>
        {
            for (int i = from + thread; i < from + count; i += engines.Length)
            {
                var image = TestImages.Noise(24 + (i % 9), 19 + (i % 7), i);
                Assert.Equal(image.Pixels.Length + 2, engines[thread].Predict(new ImageRow { Image = PackedImage.Pack(image) }).Deblurred.Length);
            }
        });

        Score(0, 200); // warm-up: ONNX Runtime's arenas and ML.NET's buffers reach their working size
        long before = Resident();
        Score(200, 1000);
        long after = Resident();
        foreach (var engine in engines)
        {
            engine.Dispose();
        }

        output.WriteLine($"resident memory {before / 1e6:F1} MB after 200 warm-up images, {after / 1e6:F1} MB after 1,000 more");
        Assert.True(after - before < 40_000_000, $"resident memory grew by {(after - before) / 1e6:F1} MB over 1,000 images ({before / 1e6:F0} MB -> {after / 1e6:F0} MB)");
    }

    private static long Resident()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    [Fact]
    public void Eight_threads_with_their_own_prediction_engines_get_the_single_thread_pixels()
    {
        var context = new MLContext(seed: 1);
        var images = Enumerable.Range(0, 16).Select(i => TestImages.Noise(20 + i, 17 + (2 * i), i)).ToList();
        var data = context.Data.LoadFromEnumerable(images.Select(i => new ImageRow { Image = PackedImage.Pack(i) }));
        var model = context.Transforms.Deblur("Deblurred", "Image", TestPaths.Reference("tiny-stripformer.onnx"), new DeblurOptions { TileSize = 16, TileOverlap = 4 }).Fit(data);
        var expected = ImageColumn.Read(model.Transform(data), "Deblurred").Select(i => i.Pixels).ToList();

        var actual = new float[images.Count][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            using var engine = context.Model.CreatePredictionEngine<ImageRow, DeblurredRow>(model);
            for (int i = thread; i < images.Count; i += 8)
            {
                actual[i] = PackedImage.Unpack(engine.Predict(new ImageRow { Image = PackedImage.Pack(images[i]) }).Deblurred, $"row {i}").Pixels;
            }
        });

        for (int i = 0; i < images.Count; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void A_multi_threaded_cursor_set_over_one_transformer_gets_the_single_thread_pixels()
    {
        var context = new MLContext(seed: 1);
        var images = Enumerable.Range(0, 12).Select(i => TestImages.Noise(30, 18 + i, 100 + i)).ToList();
        var data = context.Data.Cache(context.Data.LoadFromEnumerable(images.Select(i => new ImageRow { Image = PackedImage.Pack(i) })));
        var scored = context.Transforms.Deblur("Deblurred", "Image", TestPaths.Reference("tiny-stripformer.onnx")).Fit(data).Transform(data);
        var expected = ImageColumn.Read(scored, "Deblurred").Select(i => i.Pixels).ToList();

        var column = scored.Schema["Deblurred"];
        var cursors = scored.GetRowCursorSet([column], 4);
        Assert.True(cursors.Length > 1, "the cached data should split into several cursors");
        var actual = new float[images.Count][];
        Parallel.ForEach(cursors, cursor =>
        {
            using (cursor)
            {
                var getter = cursor.GetGetter<VBuffer<float>>(column);
                var idGetter = cursor.GetIdGetter();
                VBuffer<float> value = default;
                DataViewRowId id = default;
                while (cursor.MoveNext())
                {
                    getter(ref value);
                    idGetter(ref id);
                    actual[(int)id.Low] = value.DenseValues().Skip(PackedImage.HeaderLength).ToArray();
                }
            }
        });

        for (int i = 0; i < images.Count; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }
}
