using Microsoft.ML.OnnxRuntime;
using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Tests.Export;

public class OnnxExportParityTests
{
    private readonly ITestOutputHelper _output;

    public OnnxExportParityTests(ITestOutputHelper output)
    {
        TorchRuntime.Initialize();
        _output = output;
    }

    [Theory]
    [InlineData("seed", 1, 16, 16)]
    [InlineData("seed", 2, 21, 34)]
    [InlineData("seed", 1, 2, 3)]
    [InlineData("seed", 1, 1, 1)]
    [InlineData("seed", 1, 251, 333)]
    [InlineData("paper", 2, 13, 22)]
    [InlineData("paper", 1, 36, 20)]
    [InlineData("paper", 1, 3, 7)]
    public void Onnx_runtime_output_equals_torchsharp(string config, int batch, int height, int width)
    {
        using var network = ExportedNetworks.Perturbed(StripformerConfig.FromName(config), seed: 7);
        using var session = new InferenceSession(network.ToOnnx());
        manual_seed(11);
        using var input = rand(batch, 3, height, width);

        float[] expected = ExportedNetworks.RunTorch(network, input);
        float[] actual = ExportedNetworks.RunOnnx(session, input);

        float difference = ExportedNetworks.MaxAbsDifference(expected, actual);
        _output.WriteLine($"{config} {batch}x3x{height}x{width}: max |ONNX Runtime - TorchSharp| = {difference:E2} (output range {expected.Min():F3} .. {expected.Max():F3})");
        Assert.True(difference <= 1e-4f, $"max abs difference {difference}");
    }

    [Fact]
    public void A_configuration_defined_nowhere_else_exports_without_touching_the_exporter()
    {
        // Other widths, heads and depths than any published Stripformer (odd block counts end on an intra block):
        // the export walks the modules, so nothing in it knows these numbers.
        var config = new StripformerConfig("test-only", 8, 24, 36, 3, 20, 5, StripformerOutput.Residual, -0.5f) { LatentBlocks = 5, DecoderBlocks = 3 };
        using var network = ExportedNetworks.Perturbed(config, seed: 13);
        Assert.Contains(network.state_dict().Keys, k => k.StartsWith("Trans_block_5.", StringComparison.Ordinal));
        Assert.DoesNotContain(network.state_dict().Keys, k => k.StartsWith("Trans_block_6.", StringComparison.Ordinal) || k.StartsWith("decoder.de_block_4.", StringComparison.Ordinal));
        using var session = new InferenceSession(network.ToOnnx());
        manual_seed(17);
        using var input = rand(2, 3, 30, 22);

        float[] expected = ExportedNetworks.RunTorch(network, input), actual = ExportedNetworks.RunOnnx(session, input);
        Assert.True(expected.All(float.IsFinite), "TorchSharp output not finite");
        Assert.True(actual.All(float.IsFinite), "ONNX output not finite");
        float difference = ExportedNetworks.MaxAbsDifference(expected, actual);
        _output.WriteLine($"test-only config 2x3x30x22: max |ONNX Runtime - TorchSharp| = {difference:E2}");
        Assert.True(difference <= 1e-5f, $"max abs difference {difference}");
    }
}
