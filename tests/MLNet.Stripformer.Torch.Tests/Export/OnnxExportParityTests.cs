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
}
