namespace MLNet.Stripformer.Imaging;

/// <summary>Rounds [0, 1] float samples to integer levels (round half to even, clamped; NaN becomes 0).</summary>
public static class SampleQuantizer
{
    /// <summary>The 8-bit level of a sample.</summary>
    /// <param name="value">A sample in [0, 1].</param>
    public static byte ToByte(float value)
    {
        float scaled = MathF.Round(value * 255f);
        return scaled >= 255f ? (byte)255 : scaled > 0f ? (byte)scaled : (byte)0;
    }

    /// <summary>The 16-bit level of a sample.</summary>
    /// <param name="value">A sample in [0, 1].</param>
    public static ushort ToUInt16(float value)
    {
        float scaled = MathF.Round(value * 65535f);
        return scaled >= 65535f ? (ushort)65535 : scaled > 0f ? (ushort)scaled : (ushort)0;
    }

    /// <summary>Rounds every sample of an image to the nearest 8-bit level, in place.</summary>
    /// <param name="samples">Samples in [0, 1].</param>
    public static void RoundTo8Bit(Span<float> samples)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = ToByte(samples[i]) / 255f;
        }
    }
}
