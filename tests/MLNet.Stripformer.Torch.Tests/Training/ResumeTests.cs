using Microsoft.ML;
using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Tests.Support;
using MLNet.Stripformer.Torch.Training;

namespace MLNet.Stripformer.Torch.Tests.Training;

/// <summary>Bit-exact resume. It runs alone: libtorch's CPU thread pool is shared by the whole process, and trainers
/// running in parallel tests can change how reductions are split between threads, hence the last bits.</summary>
[Collection(SerialCollection.Name)]
public class ResumeTests
{
    public ResumeTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resuming_after_a_cancel_gives_the_same_weights_as_an_uninterrupted_run(bool startAtIdentity)
    {
        using var dir = new TempDirectory();
        var context = new MLContext(seed: 1);
        var data = TrainingData.Pairs(context, "crop0.png", "crop1.png");

        var straight = TrainingData.TinyOptions(context, epochs: 2);
        straight.StartAtIdentity = startAtIdentity;
        straight.CheckpointDirectory = Path.Combine(dir.Path, "straight");
        using var uninterrupted = context.Deblurring().Trainers.Stripformer(straight).Fit(data);

        using var cancel = new CancellationTokenSource();
        var interrupted = TrainingData.TinyOptions(context, epochs: 2);
        interrupted.StartAtIdentity = startAtIdentity;
        interrupted.CheckpointDirectory = Path.Combine(dir.Path, "interrupted");
        interrupted.CancellationToken = cancel.Token;
        interrupted.Progress = new ProgressCallback(p =>
        {
            if (p.GlobalStep == 4)
            {
                cancel.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => context.Deblurring().Trainers.Stripformer(interrupted).Fit(data));
        string last = Path.Combine(interrupted.CheckpointDirectory, "last.ckpt");
        var saved = TrainingCheckpoint.ReadState(last);
        Assert.Equal(4, saved.GlobalStep);
        Assert.True(saved.StepInEpoch > 0 || saved.CompletedEpochs > 0);

        var resume = TrainingData.TinyOptions(context, epochs: 2);
        resume.ResumeFrom = last;
        using var resumed = context.Deblurring().Trainers.Stripformer(resume).Fit(data);

        var expected = uninterrupted.Deblurrer.Network.state_dict();
        foreach (var (name, tensor) in resumed.Deblurrer.Network.state_dict())
        {
            Assert.True(tensor.allclose(expected[name], rtol: 0, atol: 0), $"{name} differs after resuming");
        }

        Assert.Equal(uninterrupted.Training!.History.Select(h => h.ValidationPsnr), resumed.Training!.History.Select(h => h.ValidationPsnr));
    }

    [Fact]
    public void Cancelling_the_mlcontext_stops_training_and_keeps_the_last_checkpoint()
    {
        using var dir = new TempDirectory();
        var context = new MLContext(seed: 1);
        var data = TrainingData.Pairs(context, "crop0.png", "crop1.png");
        var options = TrainingData.TinyOptions(context, epochs: 2);
        options.CheckpointDirectory = dir.Path;
        options.Progress = new ProgressCallback(p =>
        {
            if (p.GlobalStep == 2)
            {
                var cancel = typeof(MLContext).GetMethod("CancelExecution", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);
                cancel!.Invoke(context, null); // public through Microsoft.ML.Experimental
            }
        });

        var ex = Assert.ThrowsAny<OperationCanceledException>(() => context.Deblurring().Trainers.Stripformer(options).Fit(data));
        Assert.Contains("MLContext", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, TrainingCheckpoint.ReadState(Path.Combine(dir.Path, "last.ckpt")).GlobalStep);
    }
}
