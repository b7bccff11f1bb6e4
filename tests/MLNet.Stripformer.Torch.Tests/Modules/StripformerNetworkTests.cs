using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Tests.Modules;

public class StripformerNetworkTests
{
    public StripformerNetworkTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData("seed", 3_162_883)]
    [InlineData("paper", 19_708_611)]
    public void Parameter_counts_match_the_reference(string config, long expected)
    {
        using var network = new StripformerNetwork(StripformerConfig.FromName(config));
        Assert.Equal(expected, network.ParameterCount);
        Assert.Equal(370, network.state_dict().Count);
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(13, 22)]
    public void A_residual_network_started_at_the_identity_returns_its_input_exactly(int height, int width)
    {
        using var network = new StripformerNetwork(StripformerConfig.Seed with { Output = StripformerOutput.Residual });
        network.StartAtIdentity();
        network.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = rand(2, 3, height, width);
        var output = network.forward(input);
        Assert.True(output.eq(input).all().item<bool>(), "the output differs from the input");
        Assert.Contains(network.parameters(), p => p.abs().sum().item<float>() > 0);
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(13, 22)]
    [InlineData(3, 2)]
    [InlineData(1, 1)]
    public void Output_has_the_input_size(int height, int width)
    {
        using var network = new StripformerNetwork(StripformerConfig.Seed);
        network.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = rand(1, 3, height, width);
        var output = network.forward(input);
        Assert.Equal(new long[] { 1, 3, height, width }, output.shape);
        Assert.False(output.isnan().any().item<bool>());
    }
}
