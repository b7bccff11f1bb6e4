using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;
using static Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator;

namespace MLNet.Stripformer.Tests.Imaging;

/// <summary>Issue 18.2: ML.NET's <c>ExtractPixels</c> output, turned back into images by <c>PixelsToImage</c> with the
/// options ExtractPixels was given, is deblurred like the image it came from; other layouts are refused by name.</summary>
public sealed class PixelsToImageTests
{
    private sealed class PathRow
    {
        public string Path { get; set; } = string.Empty;
    }

    private static (MLContext Ml, IDataView Files, IEstimator<ITransformer> Resized) Source()
    {
        var ml = new MLContext(seed: 1);
        var files = ml.Data.LoadFromEnumerable([new PathRow { Path = "python3-skimage__grass.png" }, new PathRow { Path = "scribus-template__menu2_pizza.jpg" }]);
        var resized = ml.Transforms.LoadImages("Image", Path.Combine(TestPaths.Samples, "photos"), nameof(PathRow.Path))
            .Append(ml.Transforms.ResizeImages("Image", imageWidth: 33, imageHeight: 21));
        return (ml, files, resized);
    }

    [Theory]
    [InlineData(ColorBits.Rgb, ColorsOrder.ARGB, false, 0f, 1f, true)]
    [InlineData(ColorBits.Rgb, ColorsOrder.ARGB, false, 0f, 1f / 255, true)]
    [InlineData(ColorBits.All, ColorsOrder.ABGR, true, 128f, 1f / 128, true)]
    [InlineData(ColorBits.Rgb, ColorsOrder.AGBR, false, 127.5f, 2f / 255, true)]
    [InlineData(ColorBits.Rgb, ColorsOrder.ARBG, true, 10f, 3f, false)]
    public void ExtractPixels_then_PixelsToImage_with_the_same_options_gives_back_the_image_exactly(
        ColorBits colors, ColorsOrder order, bool interleave, float offset, float scale, bool asFloats)
    {
        var (ml, files, resized) = Source();
        var model = resized
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image", colors, order, interleave, offset, scale, asFloats))
            .Append(ml.Transforms.PixelsToImage("Back", "Pixels", colors, order, interleave, offset, scale))
            .Fit(files);
        var scored = model.Transform(files);

        var originals = Bgra(scored, "Image");
        var back = Bgra(scored, "Back");
        Assert.Equal(2, back.Count);
        Assert.All(back, b => Assert.Equal(4 * 33 * 21, b.Length));
        Assert.Equal(originals, back);
    }

    [Fact]
    public void Deblur_reads_the_image_PixelsToImage_makes_like_the_original_and_the_pipeline_saves_and_loads()
    {
        var (ml, files, resized) = Source();
        var model = resized
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image", scaleImage: 1f / 255))
            .Append(ml.Transforms.PixelsToImage("FromPixels", "Pixels", scaleImage: 1f / 255))
            .Append(ml.Transforms.Deblur("Deblurred", "FromPixels"))
            .Fit(files);
        var scored = model.Transform(files);
        var actual = ImageColumn.Read(scored, "Deblurred").ToList();

        var direct = resized.Append(ml.Transforms.Deblur("Deblurred", "Image")).Fit(files).Transform(files);
        var expected = ImageColumn.Read(direct, "Deblurred").ToList();
        Assert.Equal(expected.Select(e => e.Pixels), actual.Select(a => a.Pixels));

        using var dir = new TempDirectory();
        string zip = Path.Combine(dir.Path, "pixels.zip");
        ml.Model.Save(model, files.Schema, zip);
        var reloaded = ImageColumn.Read(new MLContext().RegisterStripformerComponents().Model.Load(zip, out _).Transform(files), "Deblurred").ToList();
        Assert.Equal(actual.Select(a => a.Pixels), reloaded.Select(r => r.Pixels));
    }

    [Fact]
    public void Deblur_refuses_ExtractPixels_output_at_fit_and_at_schema_time_pointing_to_PixelsToImage()
    {
        var (ml, files, resized) = Source();
        var pixels = resized.Append(ml.Transforms.ExtractPixels("Pixels", "Image")).Fit(files).Transform(files);
        var estimator = ml.Transforms.Deblur("Deblurred", "Pixels");

        foreach (string message in new[]
        {
            Assert.Throws<ArgumentException>(() => estimator.Fit(pixels)).Message,
            Assert.Throws<ArgumentException>(() => estimator.GetOutputSchema(ShapeOf(pixels.Schema))).Message,
        })
        {
            Assert.Contains("'Pixels'", message, StringComparison.Ordinal);
            Assert.Contains("fixed-size vector", message, StringComparison.Ordinal);
            Assert.Contains("LoadImages", message, StringComparison.Ordinal);
            Assert.Contains("PixelsToImage(\"PixelsImage\", \"Pixels\"", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PixelsToImage_refuses_options_that_do_not_fit_the_column_naming_it()
    {
        var (ml, files, resized) = Source();
        var pixels = resized.Append(ml.Transforms.ExtractPixels("Pixels", "Image")).Fit(files).Transform(files);

        var mismatch = Assert.Throws<ArgumentException>(() => ml.Transforms.PixelsToImage("Back", "Pixels", ColorBits.All).Fit(pixels)).Message;
        Assert.Contains("'Pixels'", mismatch, StringComparison.Ordinal);
        Assert.Contains("[3, 21, 33]", mismatch, StringComparison.Ordinal);
        Assert.Contains("colorsToExtract", mismatch, StringComparison.Ordinal);

        var notPixels = Assert.Throws<ArgumentException>(() => ml.Transforms.PixelsToImage("Back", "Image").Fit(pixels)).Message;
        Assert.Contains("'Image'", notPixels, StringComparison.Ordinal);
        Assert.Contains("not ExtractPixels output", notPixels, StringComparison.Ordinal);

        Assert.Equal("colors", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.PixelsToImage("Back", "Pixels", ColorBits.Red | ColorBits.Green)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.PixelsToImage("Back", "Pixels", scaleImage: 0)).ParamName);
    }

    /// <summary>ML.NET's shape of a schema (its <c>SchemaShape.Create</c> is not public).</summary>
    private static SchemaShape ShapeOf(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)!
            .Invoke(null, [schema])!;

    /// <summary>Each row's image as 8-bit BGRA samples, read while the cursor holds it (ML.NET disposes the images
    /// LoadImages and ResizeImages make as the cursor moves on).</summary>
    private static List<byte[]> Bgra(IDataView data, string column)
    {
        var images = new List<byte[]>();
        using var cursor = data.GetRowCursor([data.Schema[column]]);
        var getter = cursor.GetGetter<MLImage>(data.Schema[column]);
        MLImage image = null!;
        while (cursor.MoveNext())
        {
            getter(ref image);
            var pixels = image.Pixels.ToArray();
            if (image.PixelFormat == MLPixelFormat.Rgba32)
            {
                for (int i = 0; i < pixels.Length; i += 4)
                {
                    (pixels[i], pixels[i + 2]) = (pixels[i + 2], pixels[i]);
                }
            }

            images.Add(pixels);
        }

        return images;
    }
}
