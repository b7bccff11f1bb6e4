using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Tests.Imaging;

public class ComparisonImageTests
{
    [Fact]
    public void Panels_sit_side_by_side_with_a_dark_caption_under_each()
    {
        var grey = new RgbImage(40, 30, Enumerable.Repeat(0.5f, 3 * 40 * 30).ToArray());
        var tall = new RgbImage(20, 50, Enumerable.Repeat(0.25f, 3 * 20 * 50).ToArray());

        var result = ComparisonImage.Compose([(grey, "SHARP"), (tall, "BLURRED 31.20 DB")]);

        Assert.Equal(8 + 40 + 8 + 20 + 8, result.Width);
        Assert.True(result.Height > 50 + 16);
        Assert.Equal(0.5f, result[0, 8, 8]);
        Assert.Equal(0.25f, result[1, 8 + 40 + 8, 8 + 49]);
        var captionRows = Enumerable.Range(8 + 50, result.Height - 58);
        Assert.Contains(captionRows, y => Enumerable.Range(0, result.Width).Any(x => result[0, x, y] == 0f));
        Assert.Throws<ArgumentException>(() => ComparisonImage.Compose([]));
    }
}
