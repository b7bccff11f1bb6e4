using Microsoft.ML.OnnxRuntime;
using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Tests.Support;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Tests.Export;

/// <summary>The library's tests (which have no TorchSharp) score with a committed ONNX export of the tiny reference
/// network; this pins it to what the exporter writes today. Set STRIPFORMER_WRITE_REFERENCES=1 to rewrite it.</summary>
public class TinyOnnxReferenceTests
{
    public TinyOnnxReferenceTests() => TorchRuntime.Initialize();

    public static string CommittedPath => Path.Combine(TestPaths.RepositoryRoot, "tests", "MLNet.Stripformer.Tests", "References", "tiny-stripformer.onnx");

    [Fact]
    public void Committed_tiny_model_scores_like_a_fresh_export_of_the_tiny_reference_weights()
    {
        using var network = new StripformerNetwork(TorchReferences.Tiny());
        PyTorchWeights.Load(network, TorchReferences.File("tiny_state_dict.pth"));
        network.eval();
        byte[] fresh = network.ToOnnx();
        if (Environment.GetEnvironmentVariable("STRIPFORMER_WRITE_REFERENCES") == "1")
        {
            File.WriteAllBytes(CommittedPath, fresh);
        }

        manual_seed(2);
        using var input = rand(1, 3, 19, 26);
        using var committed = new InferenceSession(CommittedPath);
        using var exported = new InferenceSession(fresh);
        float[] expected = ExportedNetworks.RunTorch(network, input);
        Assert.True(ExportedNetworks.MaxAbsDifference(expected, ExportedNetworks.RunOnnx(exported, input)) <= 1e-5f);
        Assert.True(
            ExportedNetworks.MaxAbsDifference(expected, ExportedNetworks.RunOnnx(committed, input)) <= 1e-5f,
            $"{CommittedPath} is stale: rerun this test with STRIPFORMER_WRITE_REFERENCES=1.");
    }
}
