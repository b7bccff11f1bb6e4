using System.Globalization;
using Microsoft.ML.Data;
using static Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// How ML.NET's <c>ExtractPixels</c> laid out an image's pixels in a vector, and the exact inverse: a value is
/// <c>(pixel - offset) * scale</c>; planar vectors are [planes, height, width] and interleaved ones
/// [height, width, planes]; the planes follow <see cref="Order"/>, skipping colours not extracted. A byte vector
/// (<c>outputAsFloatArray: false</c>) holds the pixels unscaled, as <c>ExtractPixels</c> writes them.
/// </summary>
internal sealed record PixelLayout(int Height, int Width, ColorBits Colors, ColorsOrder Order, bool Interleaved, float Offset, float Scale)
{
    /// <summary>The number of planes (colours extracted).</summary>
    public int Planes => System.Numerics.BitOperations.PopCount((uint)Colors);

    /// <summary>Checks the options a user gave, naming the one at fault.</summary>
    public static void ValidateOptions(ColorBits colors, ColorsOrder order, float offset, float scale)
    {
        if ((colors & ColorBits.Rgb) != ColorBits.Rgb || (colors & ~ColorBits.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(colors), colors, "Images are read from the red, green and blue planes: colorsToExtract must hold Red, Green and Blue (Alpha is optional).");
        }

        if (!Enum.IsDefined(order))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "Not one of ExtractPixels' colour orders.");
        }

        if (!float.IsFinite(offset))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "offsetImage must be a finite number.");
        }

        if (!float.IsFinite(scale) || scale == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scaleImage must be a finite number other than 0.");
        }
    }

    /// <summary>The layout of a column of type <paramref name="type"/>, or an error that says why it cannot be one.</summary>
    /// <param name="type">The column's type.</param>
    /// <param name="columnName">The column, for the message.</param>
    /// <param name="colors">The colours extracted.</param>
    /// <param name="order">Their order.</param>
    /// <param name="interleaved">Whether each pixel's colours are together.</param>
    /// <param name="offset">The offset given to ExtractPixels.</param>
    /// <param name="scale">The scale given to ExtractPixels.</param>
    public static PixelLayout Of(DataViewType type, string columnName, ColorBits colors, ColorsOrder order, bool interleaved, float offset, float scale)
    {
        int planes = System.Numerics.BitOperations.PopCount((uint)colors);
        string expected = interleaved ? $"[height, width, {planes}]" : $"[{planes}, height, width]";
        if (type is not VectorDataViewType { IsKnownSize: true, Dimensions.Length: 3 } vector
            || (vector.ItemType != NumberDataViewType.Single && vector.ItemType != NumberDataViewType.Byte))
        {
            throw new ArgumentException(
                $"The pixel column '{columnName}' holds {type}, not ExtractPixels output: a fixed-size vector of Single or Byte with dimensions {expected}.", nameof(columnName));
        }

        var dims = vector.Dimensions;
        var (height, width, found) = interleaved ? (dims[0], dims[1], dims[2]) : (dims[1], dims[2], dims[0]);
        if (found != planes)
        {
            throw new ArgumentException(
                $"The pixel column '{columnName}' has dimensions [{string.Join(", ", dims)}], but {colors} {(interleaved ? "interleaved" : "planar")} pixels are {expected}: " +
                "give PixelsToImage the colorsToExtract and interleavePixelColors that ExtractPixels was given.", nameof(columnName));
        }

        bool bytes = vector.ItemType == NumberDataViewType.Byte; // ExtractPixels ignores offset and scale for bytes
        return new PixelLayout(height, width, colors, order, interleaved, bytes ? 0 : offset, bytes ? 1 : scale);
    }

    /// <summary>The layout as text, for the constant column that carries it into the saved model.</summary>
    public string Encode() => string.Join(',',
        Height.ToString(CultureInfo.InvariantCulture), Width.ToString(CultureInfo.InvariantCulture),
        ((int)Colors).ToString(CultureInfo.InvariantCulture), ((int)Order).ToString(CultureInfo.InvariantCulture),
        Interleaved ? "1" : "0", Offset.ToString("R", CultureInfo.InvariantCulture), Scale.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>The layout <see cref="Encode"/> wrote.</summary>
    public static PixelLayout Decode(string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length != 7)
        {
            throw new InvalidDataException($"'{text}' is not a pixel layout (height,width,colors,order,interleaved,offset,scale).");
        }

        int Int(int i) => int.Parse(parts[i], CultureInfo.InvariantCulture);
        float Float(int i) => float.Parse(parts[i], CultureInfo.InvariantCulture);
        return new PixelLayout(Int(0), Int(1), (ColorBits)Int(2), (ColorsOrder)Int(3), parts[4] == "1", Float(5), Float(6));
    }

    /// <summary>The 8-bit BGRA image whose <c>ExtractPixels</c> with this layout gives <paramref name="values"/>:
    /// each pixel <c>value / scale + offset</c>, rounded and clamped to [0, 255]; opaque without an alpha plane.</summary>
    public MLImage ToImage(ReadOnlySpan<float> values)
    {
        int pixels = Height * Width;
        if (values.Length != pixels * Planes)
        {
            throw new InvalidDataException($"A pixel vector has {values.Length} values; a {Height}x{Width} image of {Planes} planes has {pixels * Planes}.");
        }

        var (alpha, red, green, blue) = (Position('a'), Position('r'), Position('g'), Position('b'));
        int pixelStride = Interleaved ? Planes : 1, planeStride = Interleaved ? 1 : pixels;
        var bgra = new byte[4 * pixels];
        for (int i = 0; i < pixels; i++)
        {
            int at = i * pixelStride;
            bgra[4 * i] = Level(values[at + (blue * planeStride)]);
            bgra[(4 * i) + 1] = Level(values[at + (green * planeStride)]);
            bgra[(4 * i) + 2] = Level(values[at + (red * planeStride)]);
            bgra[(4 * i) + 3] = alpha < 0 ? (byte)255 : Level(values[at + (alpha * planeStride)]);
        }

        return MLImage.CreateFromPixels(Width, Height, MLPixelFormat.Bgra32, bgra);
    }

    private byte Level(float value) => (byte)Math.Clamp(Math.Round((value / (double)Scale) + Offset), 0, 255);

    /// <summary>The plane of a colour (<c>a</c>, <c>r</c>, <c>g</c>, <c>b</c>) as ExtractPixels numbers them: the
    /// order's letters in turn, counting only the colours extracted; -1 when not extracted.</summary>
    private int Position(char colour)
    {
        int position = 0;
        foreach (char letter in Order.ToString().ToLowerInvariant())
        {
            bool extracted = (Colors & Bit(letter)) != 0;
            if (letter == colour)
            {
                return extracted ? position : -1;
            }

            position += extracted ? 1 : 0;
        }

        return -1;
    }

    private static ColorBits Bit(char letter) => letter switch
    {
        'a' => ColorBits.Alpha,
        'r' => ColorBits.Red,
        'g' => ColorBits.Green,
        _ => ColorBits.Blue,
    };
}
