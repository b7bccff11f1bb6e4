using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Support;
using static MLNet.Stripformer.Tests.Support.TestImages;

namespace MLNet.Stripformer.Tests.Scoring;

public class DeblurConcurrencyTests
{

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
