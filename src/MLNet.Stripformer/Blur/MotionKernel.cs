namespace MLNet.Stripformer.Blur;

/// <summary>
/// Linear motion blur: the trace of a point moving at constant speed along a straight segment of
/// <see cref="Length"/> pixels centred on the anchor, at <see cref="AngleDegrees"/> counter-clockwise from the
/// x axis (image rows grow downwards). The segment is sampled finely and splatted bilinearly, then normalised.
/// </summary>
public sealed class MotionKernel : BlurKernel
{
    private const int SamplesPerPixel = 16;
    private readonly float[] _weights;

    internal MotionKernel(double length, double angleDegrees)
    {
        RequirePositive(length, nameof(length));
        if (!double.IsFinite(angleDegrees))
        {
            throw new ArgumentOutOfRangeException(nameof(angleDegrees), angleDegrees, "A motion angle must be a finite number of degrees.");
        }

        Length = length;
        AngleDegrees = angleDegrees;
        Size = (2 * (int)Math.Ceiling(length / 2)) + 1;
        RequireOddSize(Size, "length");
        _weights = Rasterize(length, angleDegrees * Math.PI / 180, Size);
    }

    /// <summary>Length of the motion in pixels.</summary>
    public double Length { get; }

    /// <summary>Direction in degrees, counter-clockwise from the positive x axis.</summary>
    public double AngleDegrees { get; }

    /// <summary>Width and height of the kernel (odd, just larger than the length).</summary>
    public int Size { get; }

    /// <inheritdoc/>
    public override int Width => Size;

    /// <inheritdoc/>
    public override int Height => Size;

    /// <inheritdoc/>
    public override string Spec => $"motion:{Format(Length)}:{Format(AngleDegrees)}";

    /// <inheritdoc/>
    public override IReadOnlyList<float> Weights => _weights;

    private static float[] Rasterize(double length, double angle, int size)
    {
        var weights = new double[size * size];
        int centre = size / 2;
        double dx = Math.Cos(angle), dy = -Math.Sin(angle);
        int samples = Math.Max(2, (int)Math.Ceiling(length * SamplesPerPixel));
        for (int s = 0; s < samples; s++)
        {
            double t = ((s + 0.5) / samples - 0.5) * (length - 1);
            double x = centre + (t * dx), y = centre + (t * dy);
            int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y);
            double fx = x - x0, fy = y - y0;
            Splat(weights, size, x0, y0, (1 - fx) * (1 - fy));
            Splat(weights, size, x0 + 1, y0, fx * (1 - fy));
            Splat(weights, size, x0, y0 + 1, (1 - fx) * fy);
            Splat(weights, size, x0 + 1, y0 + 1, fx * fy);
        }

        double sum = weights.Sum();
        return weights.Select(w => (float)(w / sum)).ToArray();
    }

    private static void Splat(double[] weights, int size, int x, int y, double amount)
    {
        if (amount > 0 && x >= 0 && y >= 0 && x < size && y < size)
        {
            weights[(y * size) + x] += amount;
        }
    }
}
