namespace MLNet.Stripformer.Imaging;

/// <summary>
/// The column format of images in an <c>IDataView</c>: one variable-length vector of <see cref="float"/> holding
/// <c>[height, width, red plane..., green plane..., blue plane...]</c> with samples in [0, 1]. One column then
/// carries an image of any size, survives <c>mlContext.Model.Save</c>, and feeds an ONNX graph directly.
/// </summary>
public static class PackedImage
{
    /// <summary>Number of leading values that hold the size (height, then width).</summary>
    public const int HeaderLength = 2;

    /// <summary>The packed vector of an image.</summary>
    /// <param name="image">The image.</param>
    public static float[] Pack(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var packed = new float[HeaderLength + image.Pixels.Length];
        packed[0] = image.Height;
        packed[1] = image.Width;
        image.Pixels.CopyTo(packed, HeaderLength);
        return packed;
    }

    /// <summary>Reads an image back from its packed vector.</summary>
    /// <param name="packed">The packed values.</param>
    /// <param name="source">What the values are (a column and row, a file) for error messages.</param>
    /// <exception cref="FormatException">The values are not a packed image.</exception>
    public static RgbImage Unpack(ReadOnlySpan<float> packed, string source)
    {
        var (width, height) = ReadSize(packed, source);
        return new RgbImage(width, height, packed[HeaderLength..].ToArray());
    }

    /// <summary>Reads the size stored in a packed vector and checks that the length matches it.</summary>
    /// <param name="packed">The packed values.</param>
    /// <param name="source">What the values are, for error messages.</param>
    /// <exception cref="FormatException">The values are not a packed image.</exception>
    public static (int Width, int Height) ReadSize(ReadOnlySpan<float> packed, string source)
    {
        if (packed.Length < HeaderLength + RgbImage.Channels)
        {
            throw new FormatException(
                $"{source} is not a packed image: {packed.Length} values, fewer than a 1x1 image needs. " +
                "Image columns hold [height, width, red plane, green plane, blue plane].");
        }

        float h = packed[0], w = packed[1];
        if (!IsSize(h) || !IsSize(w))
        {
            throw new FormatException($"{source} is not a packed image: its header [{h}, {w}] is not a height and width.");
        }

        long expected = HeaderLength + (long)h * (long)w * RgbImage.Channels;
        if (expected != packed.Length)
        {
            throw new FormatException(
                $"{source} is not a packed image: a {w}x{h} RGB image needs {expected} values, the vector has {packed.Length}.");
        }

        return ((int)w, (int)h);
    }

    private static bool IsSize(float value) => value >= 1 && value <= int.MaxValue && value == MathF.Floor(value);
}
