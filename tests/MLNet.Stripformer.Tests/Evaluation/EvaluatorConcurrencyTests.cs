using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Evaluation;

/// <summary>The quality transformer and the evaluator used from 8 threads at once give the single-thread values.</summary>
public class EvaluatorConcurrencyTests
{
    private static readonly (RgbImage Sharp, RgbImage Restored)[] Pairs = Enumerable.Range(0, 16)
        .Select(i => (TestImages.Noise(16 + i, 13 + (2 * i), i), TestImages.Noise(16 + i, 13 + (2 * i), 1000 + i)))
        .ToArray();

    [Fact]
    public void Eight_threads_with_their_own_prediction_engines_get_the_single_thread_psnr_and_ssim()
    {
        var context = new MLContext(seed: 1);
        var data = Data(context);
        var model = context.Transforms.ImageQuality().Fit(data);
        var scored = model.Transform(data);
        var expected = scored.GetColumn<double>("Psnr").Zip(scored.GetColumn<double>("Ssim")).ToArray();

        var actual = new (double Psnr, double Ssim)[Pairs.Length];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            using var engine = context.Model.CreatePredictionEngine<PairRow, QualityRow>(model);
            for (int i = thread; i < Pairs.Length; i += 8)
            {
                var quality = engine.Predict(Row(i));
                actual[i] = (quality.Psnr, quality.Ssim);
            }
        });

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_multi_threaded_cursor_set_over_one_quality_transformer_gets_the_single_thread_values()
    {
        var context = new MLContext(seed: 1);
        var data = context.Data.Cache(Data(context));
        var scored = context.Transforms.ImageQuality().Fit(data).Transform(data);
        var expected = scored.GetColumn<double>("Psnr").Zip(scored.GetColumn<double>("Ssim")).ToArray();

        var psnr = scored.Schema["Psnr"];
        var ssim = scored.Schema["Ssim"];
        var cursors = scored.GetRowCursorSet([psnr, ssim], 8);
        Assert.True(cursors.Length > 1, "the cached data should split into several cursors");
        var actual = new (double Psnr, double Ssim)[Pairs.Length];
        Parallel.ForEach(cursors, new ParallelOptions { MaxDegreeOfParallelism = 8 }, cursor =>
        {
            using (cursor)
            {
                var psnrGetter = cursor.GetGetter<double>(psnr);
                var ssimGetter = cursor.GetGetter<double>(ssim);
                var idGetter = cursor.GetIdGetter();
                double p = 0, s = 0;
                DataViewRowId id = default;
                while (cursor.MoveNext())
                {
                    psnrGetter(ref p);
                    ssimGetter(ref s);
                    idGetter(ref id);
                    actual[(int)id.Low] = (p, s);
                }
            }
        });

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Eight_threads_evaluating_one_data_view_get_the_single_thread_metrics()
    {
        var context = new MLContext(seed: 1);
        var data = Data(context);
        var expected = context.Deblurring().Evaluate(data);

        var results = new DeblurringMetrics[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = context.Deblurring().Evaluate(data));

        Assert.All(results, metrics =>
        {
            Assert.Equal(expected.MeanPsnr, metrics.MeanPsnr);
            Assert.Equal(expected.MeanSsim, metrics.MeanSsim);
            Assert.Equal(expected.PerImage.Select(q => (q.Psnr, q.Ssim)), metrics.PerImage.Select(q => (q.Psnr, q.Ssim)));
        });
    }

    private static IDataView Data(MLContext context) => context.Data.LoadFromEnumerable(Enumerable.Range(0, Pairs.Length).Select(Row));

    private static PairRow Row(int i) => new() { Sharp = PackedImage.Pack(Pairs[i].Sharp), Deblurred = PackedImage.Pack(Pairs[i].Restored) };

    private sealed class PairRow
    {
        [VectorType]
        public float[] Sharp { get; set; } = [];

        [VectorType]
        public float[] Deblurred { get; set; } = [];
    }

    private sealed class QualityRow
    {
        public double Psnr { get; set; }

        public double Ssim { get; set; }
    }
}
