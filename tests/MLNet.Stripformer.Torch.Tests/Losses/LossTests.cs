using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Losses;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Tests.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Tests.Losses;

public sealed class LossTests : IDisposable
{
    private readonly Dictionary<string, Tensor> _reference;

    public LossTests()
    {
        TorchRuntime.Initialize();
        _reference = PyTorchWeights.ReadStateDict(TorchReferences.File("losses.pth"));
    }

    public void Dispose()
    {
        foreach (var tensor in _reference.Values)
        {
            tensor.Dispose();
        }
    }

    private float Expected(string name) => _reference[name].item<float>();

    [Fact]
    public void Charbonnier_of_identical_images_is_epsilon_and_of_a_constant_difference_is_the_formula()
    {
        using var scope = NewDisposeScope();
        var a = ones(1, 3, 4, 4).Times(0.5);
        var b = ones(1, 3, 4, 4).Times(0.2);
        Assert.Equal(1e-3, CharbonnierLoss.Compute(a, a).item<float>(), 6);
        Assert.Equal(Math.Sqrt((0.3 * 0.3) + 1e-6), CharbonnierLoss.Compute(a, b).item<float>(), 6);
    }

    [Fact]
    public void Charbonnier_and_edge_match_the_reference_code()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(Expected("charbonnier"), CharbonnierLoss.Compute(_reference["pred"], _reference["sharp"]).item<float>(), 6);
        Assert.Equal(Expected("edge"), EdgeLoss.Compute(_reference["pred"], _reference["sharp"]).item<float>(), 6);
    }

    [Theory]
    [InlineData(60, 1e-6)]
    [InlineData(50, 1e-5)]
    public void Psnr_loss_is_the_mean_of_each_images_negative_psnr_capped_at_its_ceiling(double ceilingDb, double epsilon)
    {
        using var scope = NewDisposeScope();
        var target = ones(2, 3, 4, 4).Times(0.5);
        var offsets = tensor(new[] { 0.001f, 0.1f }).reshape(2, 1, 1, 1);
        var prediction = target.Plus(offsets);
        double expected = ((10 * Math.Log10(1e-6 + epsilon)) + (10 * Math.Log10(1e-2 + epsilon))) / 2; // not the PSNR of the batch
        Assert.Equal(expected, PsnrLoss.Compute(prediction, target, ceilingDb).item<float>(), 3);
        Assert.Equal(-ceilingDb, PsnrLoss.Compute(target, target, ceilingDb).item<float>(), 3);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Psnr_loss_rejects_a_ceiling_that_is_not_a_positive_finite_number(double ceilingDb)
    {
        using var scope = NewDisposeScope();
        var target = ones(1, 3, 4, 4).Times(0.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => PsnrLoss.Compute(target, target, ceilingDb));
    }

    [Fact]
    public void Edge_loss_of_identical_images_is_epsilon()
    {
        using var scope = NewDisposeScope();
        var image = rand(1, 3, 12, 12);
        Assert.Equal(1e-3, EdgeLoss.Compute(image, image).item<float>(), 6);
    }

    [Fact]
    public void Contrastive_loss_matches_the_reference_code()
    {
        using var features = Features();
        using var scope = NewDisposeScope();
        float actual = ContrastiveLoss.Compute(features, _reference["pred"], _reference["sharp"], _reference["blurred"]).item<float>();
        Assert.Equal(Expected("contrastive"), actual, 4);
        Assert.InRange(Math.Abs(actual - Expected("contrastive")) / Expected("contrastive"), 0, 1e-5);
    }

    [Fact]
    public void Contrastive_loss_is_zero_not_nan_when_the_mask_is_empty()
    {
        using var features = Features();
        using var loss = ContrastiveLoss.Compute(features, _reference["pred"], _reference["sharp"], _reference["sharp"]);
        Assert.Equal(0f, loss.item<float>());
    }

    [Fact]
    public void Gradients_flow_through_all_three_losses()
    {
        using var features = Features();
        using var scope = NewDisposeScope();
        var prediction = _reference["pred"].clone().requires_grad_(true);
        var total = CharbonnierLoss.Compute(prediction, _reference["sharp"])
            .Plus(EdgeLoss.Compute(prediction, _reference["sharp"]).Times(0.05))
            .Plus(ContrastiveLoss.Compute(features, prediction, _reference["sharp"], _reference["blurred"]).Times(0.0005));
        total.backward();
        Assert.True(prediction.grad!.abs().sum().item<float>() > 0);
    }

    private Sequential Features()
    {
        var conv = Conv2d(3, 4, 3, stride: 4, padding: 1);
        using (no_grad())
        {
            conv.weight!.copy_(_reference["features.0.weight"]);
            conv.bias!.copy_(_reference["features.0.bias"]);
        }

        return Sequential(conv, ReLU());
    }
}
