using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Tests.Support;

namespace MLNet.Stripformer.Torch.Tests.Examples;

[Collection(SerialCollection.Name)]
public class FineTuneExampleTests
{
    [Fact]
    public async Task Fine_tune_example_trains_from_the_shipped_weights_exports_onnx_and_scores_it()
    {
        using var directory = new TempDirectory();
        string onnx = directory.File("finetuned.onnx");
        string output = await ExampleProcess.RunAsync("FineTune", TestPaths.RepositoryRoot, Path.Combine(TestPaths.Samples, "photos"), onnx);

        Assert.Contains("epoch 1 step 3", output, StringComparison.Ordinal);
        Assert.True(new FileInfo(onnx).Length > 12_000_000, output);
        Assert.Contains("deblurred", output, StringComparison.Ordinal);
    }
}
