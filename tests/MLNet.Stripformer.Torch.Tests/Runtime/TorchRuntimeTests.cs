using MLNet.Stripformer.Torch.Runtime;
using TorchSharp;

namespace MLNet.Stripformer.Torch.Tests.Runtime;

public class TorchRuntimeTests
{
    [Fact]
    public void Torch_runs_a_forward_and_backward_pass_after_initialisation()
    {
        TorchRuntime.Initialize();
        Assert.NotNull(TorchRuntime.Description);
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(3, 3, requires_grad: true);
        var y = x.mul(x).sum();
        y.backward();
        Assert.Equal(2f, x.grad!.mean().item<float>());
    }
}
