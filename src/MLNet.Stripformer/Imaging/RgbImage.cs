namespace MLNet.Stripformer.Imaging;

/// <summary>
/// An RGB image held as three planes of 32-bit floats in [0, 1] (planar, channel-major: all red values, then
/// all green, then all blue, each plane row by row). This is the in-memory form every component of the library
/// works on; <see cref="PackedImage"/> turns it into the single vector column that travels through an
/// <c>IDataView</c>.
/// </summary>
public sealed class RgbImage
{
    /// <summary>Number of colour planes (always 3: red, green, blue).</summary>
    public const int Channels = 3;

    /// <summary>Creates an image from planar data; the array is used as is, not copied.</summary>
    /// <param name="width">Width in pixels (at least 1).</param>
    /// <param name="height">Height in pixels (at least 1).</param>
    /// <param name="pixels">Planar RGB values, <c>3 * width * height</c> of them.</param>
    public RgbImage(int width, int height, float[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)width * height * Channels != pixels.Length)
        {
            throw new ArgumentException(
                $"An RGB image of {width}x{height} needs {(long)width * height * Channels} values, got {pixels.Length}.",
                nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Creates a black image of the given size.</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public RgbImage(int width, int height)
        : this(width, height, new float[checked(width * height * Channels)])
    {
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Number of pixels in one plane.</summary>
    public int PlaneLength => Width * Height;

    /// <summary>The planar values (red plane, green plane, blue plane).</summary>
    public float[] Pixels { get; }

    /// <summary>One colour plane.</summary>
    /// <param name="channel">0 red, 1 green, 2 blue.</param>
    public Span<float> Plane(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, Channels);
        return Pixels.AsSpan(channel * PlaneLength, PlaneLength);
    }

    /// <summary>The value of one sample.</summary>
    /// <param name="channel">0 red, 1 green, 2 blue.</param>
    /// <param name="x">Column.</param>
    /// <param name="y">Row.</param>
    public float this[int channel, int x, int y] => Pixels[(channel * Height + y) * Width + x];

    /// <summary>A deep copy.</summary>
    public RgbImage Clone() => new(Width, Height, (float[])Pixels.Clone());
}
