namespace MLNet.Stripformer.Imaging;

/// <summary>The check that samples hold no NaN or infinity, for every path that hands an image to a network (a
/// network would spread them over a whole tile, and ONNX Runtime would not say where they came from).</summary>
internal static class FiniteSamples
{
    /// <summary>The index of the first NaN or infinite sample, or -1.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> samples)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
