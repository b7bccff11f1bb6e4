namespace MLNet.Stripformer.Imaging;

/// <summary>Side-by-side comparison images (e.g. sharp | blurred | deblurred) with a caption under each panel, like
/// the report's Figure 5.</summary>
internal static class ComparisonImage
{
    private const int Gap = 8;

    /// <summary>Places the panels left to right on a white background, each captioned below (black text, a 5x7
    /// pixel font scaled to the panel height). Panels of different heights are top-aligned.</summary>
    /// <param name="panels">The images and their captions (e.g. "BLURRED 29.87 DB").</param>
    public static RgbImage Compose(IReadOnlyList<(RgbImage Image, string Caption)> panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0)
        {
            throw new ArgumentException("A comparison needs at least one panel.", nameof(panels));
        }

        int tallest = panels.Max(p => p.Image.Height);
        int scale = Math.Clamp(tallest / 150, 1, 8);
        int captionHeight = (CaptionFont.GlyphHeight + 4) * scale;
        int width = panels.Sum(p => p.Image.Width) + (Gap * (panels.Count + 1));
        int height = tallest + captionHeight + (2 * Gap);
        var result = new RgbImage(width, height, Enumerable.Repeat(1f, 3 * width * height).ToArray());
        int left = Gap;
        foreach (var (image, caption) in panels)
        {
            for (int c = 0; c < RgbImage.Channels; c++)
            {
                var source = image.Plane(c);
                var target = result.Plane(c);
                for (int y = 0; y < image.Height; y++)
                {
                    source.Slice(y * image.Width, image.Width).CopyTo(target.Slice(((Gap + y) * width) + left, image.Width));
                }
            }

            int textLeft = left + Math.Max(0, (image.Width - CaptionFont.Measure(caption, scale)) / 2);
            CaptionFont.Draw(result, caption, textLeft, Gap + tallest + (2 * scale), scale, 0f, 0f, 0f);
            left += image.Width + Gap;
        }

        return result;
    }
}
