using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Tests.Support;

/// <summary>Synthetic images and the row types that carry packed images through ML.NET in the scoring tests.</summary>
internal static class TestImages
{
    /// <summary>Uniform noise in [0, 1], reproducible from the seed.</summary>
    public static RgbImage Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        return new RgbImage(width, height, Enumerable.Range(0, 3 * width * height).Select(_ => (float)random.NextDouble()).ToArray());
    }

    /// <summary>An input row: the packed image in column "Image".</summary>
    public sealed class ImageRow
    {
        [VectorType]
        public float[] Image { get; set; } = [];
    }

    /// <summary>An output row: the packed image in column "Deblurred".</summary>
    public sealed class DeblurredRow
    {
        [VectorType]
        public float[] Deblurred { get; set; } = [];
    }
}
