namespace MLNet.Stripformer.Quantization;

/// <summary>The smallest and largest value a tensor held over the calibration photos.</summary>
/// <param name="Min">The smallest value seen.</param>
/// <param name="Max">The largest value seen.</param>
internal readonly record struct ValueRange(float Min, float Max)
{
    /// <summary>The range of <paramref name="values"/>.</summary>
    /// <exception cref="InvalidDataException">A value is NaN or infinite (named by <paramref name="name"/>).</exception>
    public static ValueRange Of(ReadOnlySpan<float> values, string name)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                throw new InvalidDataException($"Calibration: the network's value '{name}' holds {v}; an int8 model needs finite activations.");
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return new ValueRange(min, max);
    }

    /// <summary>The range covering both.</summary>
    public ValueRange Union(ValueRange other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max));

    /// <summary>The uint8 scale and zero point that represent this range (widened to hold 0 exactly).</summary>
    public (float Scale, byte ZeroPoint) ToUInt8()
    {
        float low = Math.Min(Min, 0f), high = Math.Max(Max, 0f);
        float scale = (high - low) / 255f;
        if (!(scale > 0f))
        {
            return (1f, 0);
        }

        return (scale, (byte)Math.Clamp(MathF.Round(-low / scale), 0f, 255f));
    }
}
