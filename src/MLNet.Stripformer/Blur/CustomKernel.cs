using System.Globalization;

namespace MLNet.Stripformer.Blur;

/// <summary>A user-supplied kernel of odd width and height, applied as given (not normalised).</summary>
public sealed class CustomKernel : BlurKernel
{
    private readonly float[] _weights;

    internal CustomKernel(int width, int height, IReadOnlyList<float> weights)
    {
        RequireOddSize(width, "width");
        RequireOddSize(height, "height");
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != width * height)
        {
            throw new ArgumentException($"A {width}x{height} kernel needs {width * height} weights; got {weights.Count}.", nameof(weights));
        }

        for (int i = 0; i < weights.Count; i++)
        {
            if (!float.IsFinite(weights[i]))
            {
                throw new ArgumentException($"Kernel weight {i} is {weights[i]}; every weight must be finite.", nameof(weights));
            }
        }

        Width = width;
        Height = height;
        _weights = weights.ToArray();
    }

    /// <inheritdoc/>
    public override int Width { get; }

    /// <inheritdoc/>
    public override int Height { get; }

    /// <inheritdoc/>
    public override string Spec =>
        $"custom:{Width}x{Height}:{string.Join(',', _weights.Select(w => w.ToString("R", CultureInfo.InvariantCulture)))}";

    /// <inheritdoc/>
    public override IReadOnlyList<float> Weights => _weights;
}
