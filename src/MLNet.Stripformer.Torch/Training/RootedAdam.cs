using MLNet.Stripformer.Torch.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>
/// Adam (no weight decay, no AMSGrad) with the update of <c>torch.optim.Adam</c> and TorchSharp's state, so its
/// <c>save_state_dict</c>/<c>load_state_dict</c> files are the same; but every Scalar it hands libtorch is rooted.
/// TorchSharp 0.107's own <c>step</c> passes temporary Scalars (<c>mul_(beta1)</c>, <c>alpha: 1 - beta1</c>), which the
/// garbage collector may free mid-call (see <see cref="RootedScalars"/>).
/// </summary>
internal sealed class RootedAdam : Adam
{
    /// <summary>Adam over <paramref name="parameters"/> with betas (0.9, 0.999) and epsilon 1e-8.</summary>
    public RootedAdam(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, 0.9, 0.999, 1e-8, 0, false, false)
    {
    }

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(
        group =>
        {
            var options = (Options)group.Options;
            double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value;
            var oneMinusBeta1 = RootedScalars.Of(1 - beta1);
            var oneMinusBeta2 = RootedScalars.Of(1 - beta2);
            foreach (var parameter in group.Parameters)
            {
                using var grad = parameter.grad; // a new handle on each read
                if (grad is null)
                {
                    continue;
                }

                var state = (State)_state[parameter.Handle];
                state.step++;
                double biasCorrection1 = 1 - Math.Pow(beta1, state.step);
                double biasCorrection2 = 1 - Math.Pow(beta2, state.step);
                state.exp_avg.mul_(RootedScalars.Of(beta1)).add_(grad, oneMinusBeta1);
                state.exp_avg_sq.mul_(RootedScalars.Of(beta2)).addcmul_(grad, grad, oneMinusBeta2);
                using var root = Math.Sqrt(biasCorrection2).ToScalar(); // changes every step: disposed, not cached
                using var stepSize = (-options.LearningRate!.Value / biasCorrection1).ToScalar();
                using var denominator = state.exp_avg_sq.sqrt();
                denominator.div_(root).add_(RootedScalars.Of(options.eps!.Value), RootedScalars.Of(1));
                parameter.addcdiv_(state.exp_avg, denominator, stepSize);
            }
        },
        closure);
}
