using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Degradations;

/// <summary>
/// <c>gaussian:MIN-MAX</c>, <c>motion:MIN-MAX</c>, <c>disk:MIN-MAX</c>: a blur kernel of a strength drawn per image
/// (Gaussian sigma with OpenCV's kernel size <c>2 * ceil(3 sigma) + 1</c>; motion length at an angle drawn from
/// [0, 180) degrees; disk radius), applied in the OpenCV-exact 8-bit arithmetic of <see cref="ImageBlur"/>.
/// </summary>
public sealed class RandomBlur : Degradation
{
    private readonly string _kind;
    private readonly ParameterRange _strength;

    internal RandomBlur(string kind, ParameterRange strength)
    {
        _kind = kind;
        _strength = strength;
    }

    /// <inheritdoc/>
    public override string Spec => $"{_kind}:{_strength.Spec}";

    /// <summary>The kernel for one draw.</summary>
    /// <param name="random">The draws.</param>
    public BlurKernel Kernel(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double strength = _strength.Draw(random);
        return _kind switch
        {
            "gaussian" => BlurKernel.Gaussian((2 * (int)Math.Ceiling(3 * strength)) + 1, strength),
            "motion" => BlurKernel.Motion(strength, 180 * random.NextDouble()),
            _ => BlurKernel.Disk(strength),
        };
    }

    /// <inheritdoc/>
    public override RgbImage Apply(RgbImage image, Random random) => ImageBlur.Apply(image, Kernel(random));
}
