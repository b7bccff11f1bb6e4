using System.Diagnostics;
using Microsoft.ML;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Tests.Support;
using MLNet.Stripformer.Torch.Training;
using Xunit.Abstractions;

namespace MLNet.Stripformer.Torch.Tests.Training;

[Collection(SerialCollection.Name)]
public class PrecisionAndMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Bfloat16_training_reaches_the_float32_validation_psnr_within_0_1_db()
    {
        TorchRuntime.Initialize();
        double Train(TrainingPrecision precision)
        {
            var context = new MLContext(seed: 1);
            var options = TrainingData.TinyOptions(context, epochs: 3);
            options.Precision = precision;
            using var model = context.Deblurring().Trainers.Stripformer(options).Fit(TrainingData.Pairs(context, "crop0.png", "crop1.png"));
            Assert.Equal(precision, model.Training!.Precision);
            return model.Training.History[^1].ValidationPsnr!.Value;
        }

        double fp32 = Train(TrainingPrecision.Float32), bf16 = Train(TrainingPrecision.BFloat16);
        output.WriteLine($"validation PSNR after the same steps: float32 {fp32:F4} dB, bfloat16 {bf16:F4} dB");
        Assert.InRange(bf16 - fp32, -0.1, 0.1);
    }

    [Fact]
    public void Resident_memory_stays_flat_over_200_steps()
    {
        TorchRuntime.Initialize();
        var context = new MLContext(seed: 1);
        var options = TrainingData.TinyOptions(context, epochs: 200);
        options.CropsPerImage = 1;
        options.BatchSize = 3;
        options.ValidationData = null;
        var samples = new Dictionary<long, long>();
        options.Progress = new ProgressCallback(p =>
        {
            if (p.GlobalStep is 50 or 200)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                samples[p.GlobalStep] = Process.GetCurrentProcess().WorkingSet64;
            }
        });
        using var model = context.Deblurring().Trainers.Stripformer(options).Fit(TrainingData.Pairs(context, "crop1.png"));
        double growth = (samples[200] - samples[50]) / 1048576.0;
        output.WriteLine($"RSS at step 50: {samples[50] / 1048576.0:F1} MiB, at step 200: {samples[200] / 1048576.0:F1} MiB (growth {growth:F1} MiB)");
        Assert.True(growth < 32, $"RSS grew by {growth:F1} MiB over 150 steps");
    }
}
