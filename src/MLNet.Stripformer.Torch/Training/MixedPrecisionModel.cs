using TorchSharp;
using MLNet.Stripformer.Torch.Modules;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>
/// Mixed precision by hand (TorchSharp has no autocast): float32 master weights that the optimizer updates, and, in
/// bfloat16 mode, a bfloat16 copy that runs forward and backward. Before each step the copy takes the master values;
/// after it, its gradients are handed to the master in float32. The network itself keeps normalisation, softmax and
/// the residual output in float32 (see <see cref="StripformerNetwork.forward"/>).
/// </summary>
internal sealed class MixedPrecisionModel : IDisposable
{
    private readonly StripformerNetwork? _compute;

    public MixedPrecisionModel(StripformerNetwork master, TrainingPrecision precision, Device device)
    {
        Master = master;
        Precision = precision;
        if (precision == TrainingPrecision.BFloat16)
        {
            _compute = new StripformerNetwork(master.Config);
            _compute.to(ScalarType.BFloat16).to(device);
            _compute.train();
        }
    }

    public StripformerNetwork Master { get; }

    public TrainingPrecision Precision { get; }

    /// <summary>The network to run the step with (the bfloat16 copy, refreshed from the master, or the master).</summary>
    public StripformerNetwork PrepareStep()
    {
        if (_compute is null)
        {
            return Master;
        }

        using (no_grad())
        {
            foreach (var (target, source) in _compute.parameters().Zip(Master.parameters()))
            {
                target.copy_(source);
            }
        }

        return _compute;
    }

    /// <summary>After backward: moves the copy's gradients to the master in float32.</summary>
    public void CollectGradients()
    {
        if (_compute is null)
        {
            return;
        }

        foreach (var (source, target) in _compute.parameters().Zip(Master.parameters()))
        {
            if (source.grad is not { } gradient)
            {
                continue;
            }

            if (target.grad is { } existing)
            {
                existing.copy_(gradient);
            }
            else
            {
                target.grad = gradient.to(ScalarType.Float32).DetachFromDisposeScope();
            }
        }

        _compute.zero_grad();
    }

    public void Dispose() => _compute?.Dispose();
}
