using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Benchmarks;

/// <summary>Benchmark inputs: a real photo from the shared set, tiled to the wanted size.</summary>
internal static class BenchmarkImages
{
    public static RgbImage Photo(int width, int height)
    {
        string path = Path.Combine(FindRoot(), "..", "shared", "data", "photos", "val", "tuxpaint-data__rocks.jpg");
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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MLNet.Stripformer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
