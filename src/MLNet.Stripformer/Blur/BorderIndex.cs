namespace MLNet.Stripformer.Blur;

/// <summary>OpenCV's <c>BORDER_REFLECT_101</c> (<c>gfedcb|abcdefgh|gfedcba</c>) index mapping.</summary>
internal static class BorderIndex
{
    /// <summary>Maps a coordinate outside [0, length) back inside, reflecting without repeating the edge.</summary>
    public static int Reflect101(int position, int length)
    {
        if (length == 1)
        {
            return 0;
        }

        while (position < 0 || position >= length)
        {
            position = position < 0 ? -position : (2 * length) - 2 - position;
        }

        return position;
    }
}
