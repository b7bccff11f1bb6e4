using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Tests.Support;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Tests.Checkpoints;

public class PyTorchWeightsTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _log;

    public PyTorchWeightsTests(Xunit.Abstractions.ITestOutputHelper log)
    {
        TorchRuntime.Initialize();
        _log = log;
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("paper")]
    public void State_dict_names_shapes_and_order_equal_the_reference(string config)
    {
        using var network = new StripformerNetwork(StripformerConfig.FromName(config));
        var ours = network.state_dict().Select(p => $"{p.Key}\t{string.Join('x', p.Value.shape)}").ToList();
        var reference = File.ReadAllLines(TorchReferences.File($"state_dict_{config}.tsv")).ToList();
        Assert.Equal(reference, ours);
    }

    [Theory]
    [InlineData(StripformerOutput.Sigmoid, 0f, "sigmoid")]
    [InlineData(StripformerOutput.Residual, -0.5f, "residual")]
    public void Pytorch_weights_give_the_reference_output(StripformerOutput output, float shift, string mode)
    {
        using var network = new StripformerNetwork(TorchReferences.Tiny(output, shift));
        PyTorchWeights.Load(network, TorchReferences.File("tiny_state_dict.pth"));
        network.eval();
        var io = PyTorchWeights.ReadStateDict(TorchReferences.File("tiny_io.pth"));
        using var noGrad = no_grad();
        foreach (string shape in new[] { "odd", "square" })
        {
            using var scope = NewDisposeScope();
            var result = network.forward(io[$"input_{shape}"]);
            var reference = io[$"{mode}_{shape}"];
            double error = result.sub(reference).abs().max().item<float>();
            double scale = Math.Max(1, reference.abs().max().item<float>());
            _log.WriteLine($"{mode} {shape}: max abs error against PyTorch {error:E2} (largest output {scale:F2})");
            Assert.True(error < 1e-5 * scale, $"{mode} {shape}: max abs error {error} for outputs up to {scale}");
        }
    }

    [Fact]
    public void Checkpoint_dictionary_entry_is_found_and_gives_the_same_weights()
    {
        using var plain = new StripformerNetwork(TorchReferences.Tiny());
        using var fromCheckpoint = new StripformerNetwork(TorchReferences.Tiny());
        PyTorchWeights.Load(plain, TorchReferences.File("tiny_state_dict.pth"));
        PyTorchWeights.Load(fromCheckpoint, TorchReferences.File("tiny_checkpoint.pth"));
        foreach (var (name, tensor) in plain.state_dict())
        {
            Assert.True(tensor.allclose(fromCheckpoint.state_dict()[name], rtol: 0, atol: 0), name);
        }

        var ex = Assert.Throws<InvalidDataException>(() => PyTorchWeights.Load(fromCheckpoint, TorchReferences.File("tiny_checkpoint.pth"), "optimizer"));
        Assert.Contains("'optimizer'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_shapes_are_refused_naming_the_first_mismatched_tensor()
    {
        using var network = new StripformerNetwork(StripformerConfig.Seed);
        var ex = Assert.Throws<InvalidDataException>(() => PyTorchWeights.Load(network, TorchReferences.File("tiny_state_dict.pth")));
        Assert.Contains("'encoder.en_layer1_1.0.weight' has shape [4, 3, 3, 3], the network expects [32, 3, 3, 3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_and_missing_files_are_named()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("bad.pth"), [1, 2, 3, 4]);
        using var network = new StripformerNetwork(TorchReferences.Tiny());
        var corrupt = Assert.Throws<InvalidDataException>(() => PyTorchWeights.Load(network, dir.File("bad.pth")));
        Assert.Contains("bad.pth", corrupt.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => PyTorchWeights.Load(network, dir.File("none.pth")));
    }

    [Fact]
    public void Saved_pytorch_state_dict_round_trips()
    {
        using var dir = new TempDirectory();
        using var original = new StripformerNetwork(StripformerConfig.Seed);
        PyTorchWeights.Save(original, dir.File("seed.pth"));
        using var copy = new StripformerNetwork(StripformerConfig.Seed);
        PyTorchWeights.Load(copy, dir.File("seed.pth"));
        foreach (var (name, tensor) in original.state_dict())
        {
            Assert.True(tensor.allclose(copy.state_dict()[name], rtol: 0, atol: 0), name);
        }
    }
}
