using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Evaluation;

/// <summary>Checks that two images can be compared.</summary>
internal static class ImageSizes
{
    public static void RequireSame(RgbImage first, RgbImage second, string firstName, string secondName)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Width != second.Width || first.Height != second.Height)
        {
            throw new ArgumentException(
                $"Cannot compare images of different sizes: {firstName} is {first.Width}x{first.Height}, {secondName} is {second.Width}x{second.Height}.");
        }
    }
}
