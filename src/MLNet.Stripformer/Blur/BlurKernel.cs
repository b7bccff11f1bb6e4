using System.Globalization;

namespace MLNet.Stripformer.Blur;

/// <summary>
/// A blur kernel: a point-spread function of odd width and height, anchored at its centre. Build one with
/// <see cref="Gaussian"/>, <see cref="Motion"/>, <see cref="Disk"/> or <see cref="Custom"/>, or parse a textual
/// <see cref="Spec"/> such as <c>gaussian:11:1.6</c>, <c>motion:15:30</c>, <c>disk:4</c> or
/// <c>custom:3x1:0.25,0.5,0.25</c>.
/// </summary>
public abstract class BlurKernel : IEquatable<BlurKernel>
{
    /// <summary>Largest width or height a kernel may have.</summary>
    public const int MaxSize = 1025;

    /// <summary>Kernel width (odd).</summary>
    public abstract int Width { get; }

    /// <summary>Kernel height (odd).</summary>
    public abstract int Height { get; }

    /// <summary>The textual form, which <see cref="Parse"/> turns back into an equal kernel.</summary>
    public abstract string Spec { get; }

    /// <summary>The weights, row by row (<see cref="Height"/> rows of <see cref="Width"/>).</summary>
    public abstract IReadOnlyList<float> Weights { get; }

    /// <summary>
    /// A Gaussian kernel identical to OpenCV's <c>getGaussianKernel(size, sigma)</c> applied in both directions,
    /// as <c>GaussianBlur(img, (size, size), sigma)</c> uses it.
    /// </summary>
    /// <param name="size">Odd width and height.</param>
    /// <param name="sigma">Standard deviation in pixels (positive).</param>
    public static GaussianKernel Gaussian(int size, double sigma) => new(size, sigma);

    /// <summary>A linear motion blur: a line segment of the given length through the centre.</summary>
    /// <param name="length">Length of the motion in pixels (positive).</param>
    /// <param name="angleDegrees">Direction in degrees, counter-clockwise from the positive x axis.</param>
    public static MotionKernel Motion(double length, double angleDegrees) => new(length, angleDegrees);

    /// <summary>A defocus blur: a uniform disk of the given radius, anti-aliased at its rim.</summary>
    /// <param name="radius">Radius in pixels (positive).</param>
    public static DiskKernel Disk(double radius) => new(radius);

    /// <summary>A user-supplied kernel, used as given (not normalised).</summary>
    /// <param name="width">Odd width.</param>
    /// <param name="height">Odd height.</param>
    /// <param name="weights">The weights, row by row; finite.</param>
    public static CustomKernel Custom(int width, int height, IReadOnlyList<float> weights) => new(width, height, weights);

    /// <summary>Parses a kernel spec (<c>gaussian:K:SIGMA</c>, <c>motion:LENGTH:ANGLE</c>, <c>disk:RADIUS</c>,
    /// <c>custom:WxH:w1,w2,...</c>).</summary>
    /// <param name="spec">The text.</param>
    /// <exception cref="FormatException">The text is not a kernel spec.</exception>
    /// <exception cref="ArgumentException">The parameters are invalid (even size, non-positive sigma, NaN...).</exception>
    public static BlurKernel Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string[] parts = spec.Trim().Split(':');
        string kind = parts[0].ToLowerInvariant();
        return kind switch
        {
            "gaussian" when parts.Length == 3 => Gaussian(ParseInt(parts[1], spec, "size"), ParseDouble(parts[2], spec, "sigma")),
            "motion" when parts.Length == 3 => Motion(ParseDouble(parts[1], spec, "length"), ParseDouble(parts[2], spec, "angle")),
            "disk" when parts.Length == 2 => Disk(ParseDouble(parts[1], spec, "radius")),
            "custom" when parts.Length == 3 => ParseCustom(parts[1], parts[2], spec),
            _ => throw new FormatException(
                $"'{spec}' is not a blur kernel: expected gaussian:K:SIGMA, motion:LENGTH:ANGLE, disk:RADIUS or custom:WxH:w1,w2,..."),
        };
    }

    /// <inheritdoc/>
    public bool Equals(BlurKernel? other) => other is not null && other.Spec == Spec;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BlurKernel);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Spec);

    /// <inheritdoc/>
    public override string ToString() => Spec;

    /// <summary>Formats a number so that parsing gives it back exactly.</summary>
    /// <param name="value">The number.</param>
    protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Throws unless the size is odd and within <see cref="MaxSize"/>.</summary>
    /// <param name="size">The size.</param>
    /// <param name="name">The parameter name.</param>
    protected static void RequireOddSize(int size, string name)
    {
        if (size < 1 || size % 2 == 0 || size > MaxSize)
        {
            throw new ArgumentOutOfRangeException(name, size, $"A kernel {name} must be odd, between 1 and {MaxSize}; got {size}.");
        }
    }

    /// <summary>Throws unless the value is finite and positive.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The parameter name.</param>
    protected static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"A kernel {name} must be a finite positive number; got {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static CustomKernel ParseCustom(string size, string weights, string spec)
    {
        string[] dims = size.ToLowerInvariant().Split('x');
        if (dims.Length != 2)
        {
            throw new FormatException($"'{spec}': the custom kernel size must be WxH, e.g. 3x3.");
        }

        int width = ParseInt(dims[0], spec, "width"), height = ParseInt(dims[1], spec, "height");
        float[] values = weights.Split(',').Select(w => (float)ParseDouble(w, spec, "weight")).ToArray();
        return Custom(width, height, values);
    }

    private static int ParseInt(string text, string spec, string what) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"'{spec}': the {what} '{text}' is not an integer.");

    private static double ParseDouble(string text, string spec, string what) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new FormatException($"'{spec}': the {what} '{text}' is not a number.");
}
