using Microsoft.ML;
using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Tests.Support;
using MLNet.Stripformer.Torch.Training;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Tests.Training;

/// <summary>Issue 15: a NaN or infinite loss or weight never reaches a checkpoint, an export or a shipped file.</summary>
public class NonFiniteWeightsTests
{
    public NonFiniteWeightsTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Export_and_checkpoint_refuse_a_network_with_a_non_finite_weight_and_write_nothing(float value)
    {
        using var dir = new TempDirectory();
        using var network = new StripformerNetwork(TorchReferences.Tiny());
        using (no_grad())
        using (NewDisposeScope())
        {
            network.named_parameters().Single(p => p.name == "decoder.de_layer1_1.0.bias").parameter[1] = value;
        }

        var export = Assert.Throws<InvalidOperationException>(() => network.ExportToOnnx(dir.File("model.onnx")));
        var save = Assert.Throws<InvalidOperationException>(() => TrainingCheckpoint.Save(dir.File("last.ckpt"), network, null, State(network, null)));

        Assert.Contains("'decoder.de_layer1_1.0.bias'", export.Message, StringComparison.Ordinal);
        Assert.Contains("export to ONNX", export.Message, StringComparison.Ordinal);
        Assert.Contains(dir.File("last.ckpt"), save.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_checkpoint_with_an_infinite_best_psnr_and_nan_metrics_saves_and_loads()
    {
        using var dir = new TempDirectory();
        using var network = new StripformerNetwork(TorchReferences.Tiny());
        var state = State(network, double.PositiveInfinity) with
        {
            History = [new EpochMetrics(1, 3, double.NaN, 0.1, 0.2, 0, 1e-3, double.PositiveInfinity, 1.5)],
        };

        TrainingCheckpoint.Save(dir.File("last.ckpt"), network, null, state);
        var back = TrainingCheckpoint.ReadState(dir.File("last.ckpt"));

        Assert.Equal(double.PositiveInfinity, back.BestPsnr);
        Assert.True(double.IsNaN(back.History[0].Loss));
        Assert.Equal(double.PositiveInfinity, back.History[0].ValidationPsnr);
    }

    [Fact]
    public void A_diverging_run_stops_with_a_clear_error_and_leaves_only_finite_checkpoints()
    {
        using var dir = new TempDirectory();
        var context = new MLContext(seed: 1);
        var options = TrainingData.TinyOptions(context, epochs: 20);
        options.LearningRate = 1e12;
        options.CheckpointDirectory = dir.Path;

        var error = Assert.Throws<InvalidOperationException>(() => context.Deblurring().Trainers.Stripformer(options).Fit(TrainingData.Pairs(context, "crop1.png")));

        Assert.Matches("The training (loss|gradient norm) became .* at step [0-9]+; lower LearningRate or set GradientClipNorm", error.Message);
        foreach (string checkpoint in Directory.GetFiles(dir.Path, "*.ckpt"))
        {
            using var saved = TrainingCheckpoint.LoadNetwork(checkpoint);
            saved.EnsureFiniteWeights("check the test");
        }
    }

    private static CheckpointState State(StripformerNetwork network, double? bestPsnr) =>
        new(network.Config, 1, 0, 1, 1, bestPsnr, 1, 0, "Float32", [], "test");
}
