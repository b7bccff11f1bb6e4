using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Benchmarks;

/// <summary>Benchmark inputs: a real photo from the shared set, tiled to the wanted size.</summary>
internal static class BenchmarkImages
{
    public static RgbImage Photo(int width, int height)
    {
        string path = Path.Combine(TestPaths.Photos, "val", "tuxpaint-data__rocks.jpg");
        var source = ImageDecoder.Decode(path);
        var image = new RgbImage(width, height);
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    image.Pixels[(((c * height) + y) * width) + x] = source[c, x % source.Width, y % source.Height];
                }
            }
        }

        return image;
    }
}
