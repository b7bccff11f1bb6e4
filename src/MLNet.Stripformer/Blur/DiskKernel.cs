namespace MLNet.Stripformer.Blur;

/// <summary>
/// Defocus blur: a uniform disk of <see cref="Radius"/> pixels. Each weight is the fraction of its pixel that the
/// disk covers (16x16 supersampling), so the rim is anti-aliased; the weights are normalised to sum 1.
/// </summary>
public sealed class DiskKernel : BlurKernel
{
    private const int Supersampling = 16;
    private readonly float[] _weights;

    internal DiskKernel(double radius)
    {
        RequirePositive(radius, nameof(radius));
        Radius = radius;
        Size = (2 * (int)Math.Ceiling(radius)) + 1;
        RequireOddSize(Size, "radius");
        _weights = Rasterize(radius, Size);
    }

    /// <summary>Radius in pixels.</summary>
    public double Radius { get; }

    /// <summary>Width and height of the kernel.</summary>
    public int Size { get; }

    /// <inheritdoc/>
    public override int Width => Size;

    /// <inheritdoc/>
    public override int Height => Size;

    /// <inheritdoc/>
    public override string Spec => $"disk:{Format(Radius)}";

    /// <inheritdoc/>
    public override IReadOnlyList<float> Weights => _weights;

    private static float[] Rasterize(double radius, int size)
    {
        var weights = new double[size * size];
        int centre = size / 2;
        double r2 = radius * radius;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int inside = 0;
                for (int sy = 0; sy < Supersampling; sy++)
                {
                    double py = y - centre - 0.5 + ((sy + 0.5) / Supersampling);
                    for (int sx = 0; sx < Supersampling; sx++)
                    {
                        double px = x - centre - 0.5 + ((sx + 0.5) / Supersampling);
                        inside += (px * px) + (py * py) <= r2 ? 1 : 0;
                    }
                }

                weights[(y * size) + x] = inside;
            }
        }

        double sum = weights.Sum();
        if (sum == 0)
        {
            weights[(centre * size) + centre] = sum = 1;
        }

        return weights.Select(w => (float)(w / sum)).ToArray();
    }
}
