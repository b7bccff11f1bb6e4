namespace MLNet.Stripformer.Blur;

/// <summary>
/// Linear motion blur: the trace of a point moving at constant speed along a straight segment of
/// <see cref="Length"/> pixels centred on the anchor, at <see cref="AngleDegrees"/> counter-clockwise from the
/// x axis (image rows grow downwards). The segment is sampled finely, each sample counted in the pixel that contains it, and the counts normalised
/// (a horizontal motion of 5 pixels is five weights of 0.2).
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
        Size = (2 * (int)Math.Ceiling((length - 1) / 2)) + 1;
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
        int samples = Math.Max(1, (int)Math.Ceiling(length * SamplesPerPixel));
        for (int s = 0; s < samples; s++)
        {
            double t = (((s + 0.5) / samples) - 0.5) * length;
            int x = centre + (int)Math.Round(t * dx, MidpointRounding.AwayFromZero);
            int y = centre + (int)Math.Round(t * dy, MidpointRounding.AwayFromZero);
            if (x >= 0 && y >= 0 && x < size && y < size)
            {
                weights[(y * size) + x] += 1;
            }
        }

        double sum = weights.Sum();
        return weights.Select(w => (float)(w / sum)).ToArray();
    }
}
