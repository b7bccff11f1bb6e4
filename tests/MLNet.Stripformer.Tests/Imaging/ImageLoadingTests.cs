using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Imaging;

public class ImageLoadingTests
{
    private static readonly MLContext Context = new(seed: 1);

    private static TempDirectory MixedDirectory()
    {
        var dir = new TempDirectory();
        File.Copy(Path.Combine(TestPaths.Odd, "derived__rocks_1x1.png"), dir.File("a_good.png"));
        File.Copy(Path.Combine(TestPaths.Odd, "derived__rocks_truncated_half.jpg"), dir.File("b_truncated.jpg"));
        File.Copy(Path.Combine(TestPaths.Odd, "derived__rocks_3x2.jpg"), dir.File("c_good.jpg"));
        File.WriteAllText(dir.File("notes.txt"), "not an image");
        return dir;
    }

    [Fact]
    public void Directory_load_gives_path_and_packed_image_columns_in_path_order()
    {
        using var dir = MixedDirectory();
        File.Delete(dir.File("b_truncated.jpg"));
        var data = Context.Data.LoadImagesFromDirectory(dir.Path);
        Assert.Equal(TextDataViewType.Instance, data.Schema["Path"].Type);
        Assert.IsType<VectorDataViewType>(data.Schema["Image"].Type);
        var paths = data.GetColumn<string>("Path").ToList();
        Assert.Equal([dir.File("a_good.png"), dir.File("c_good.jpg")], paths);
        var images = ImageColumn.Read(data, "Image").ToList();
        Assert.Equal((1, 1), (images[0].Width, images[0].Height));
        Assert.Equal((3, 2), (images[1].Width, images[1].Height));
    }

    [Fact]
    public void Directory_load_fails_on_the_first_bad_file_by_default()
    {
        using var dir = MixedDirectory();
        var data = Context.Data.LoadImagesFromDirectory(dir.Path);
        var ex = Assert.ThrowsAny<Exception>(() => data.GetColumn<string>("Path").ToList());
        var load = FindLoadException(ex);
        Assert.Equal(dir.File("b_truncated.jpg"), load.FilePath);
    }

    [Fact]
    public void Directory_load_can_skip_and_report_bad_files()
    {
        using var dir = MixedDirectory();
        var options = new ImageLoadOptions { BadFiles = BadFilePolicy.Skip };
        var data = Context.Data.LoadImagesFromDirectory(dir.Path, options);
        Assert.Equal(2, data.GetColumn<string>("Path").Count());
        var skipped = Assert.Single(options.Report.Skipped);
        Assert.Equal(dir.File("b_truncated.jpg"), skipped.FilePath);
        Assert.Contains("truncated", skipped.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Decoding_ahead_keeps_path_order_and_the_bad_file_policies(int ahead)
    {
        using var dir = MixedDirectory();
        var skip = new ImageLoadOptions { BadFiles = BadFilePolicy.Skip, DecodeAhead = ahead };
        var data = Context.Data.LoadImagesFromDirectory(dir.Path, skip);
        Assert.Equal([dir.File("a_good.png"), dir.File("c_good.jpg")], data.GetColumn<string>("Path").ToList());
        Assert.Equal(dir.File("b_truncated.jpg"), Assert.Single(skip.Report.Skipped).FilePath);
        var fail = Context.Data.LoadImagesFromDirectory(dir.Path, new ImageLoadOptions { DecodeAhead = ahead });
        Assert.Equal(dir.File("b_truncated.jpg"), FindLoadException(Assert.ThrowsAny<Exception>(() => fail.GetColumn<string>("Path").ToList())).FilePath);
        Assert.Throws<ArgumentOutOfRangeException>(() => Context.Data.LoadImagesFromDirectory(dir.Path, new ImageLoadOptions { DecodeAhead = 0 }));
    }

    [Fact]
    public void Column_names_are_configurable_and_validated()
    {
        var data = Context.Data.LoadImage(Path.Combine(TestPaths.Odd, "derived__rocks_1x1.png"), new ImageLoadOptions { PathColumnName = "File", ImageColumnName = "Sharp" });
        Assert.NotNull(data.Schema.GetColumnOrNull("Sharp"));
        Assert.NotNull(data.Schema.GetColumnOrNull("File"));
        var ex = Assert.Throws<ArgumentException>(() => Context.Data.LoadImage("x.png", new ImageLoadOptions { PathColumnName = "A", ImageColumnName = "A" }));
        Assert.Contains("ImageColumnName", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_of_a_column_save_as_pngs_named_after_their_files()
    {
        using var source = MixedDirectory();
        File.Delete(source.File("b_truncated.jpg"));
        using var target = new TempDirectory();
        var data = Context.Data.LoadImagesFromDirectory(source.Path);
        var written = Context.Data.SaveImages(data, "Image", target.Path);
        Assert.Equal([target.File("a_good.png"), target.File("c_good.png")], written);
        Assert.Equal(ImageColumn.Read(data, "Image").Last().Pixels, ImageDecoder.Decode(target.File("c_good.png")).Pixels);
        var unnamed = Context.Data.LoadFromEnumerable([new { Image = PackedImage.Pack(new RgbImage(2, 2)) }]);
        Assert.Equal([target.File("row-0.png")], Context.Data.SaveImages(unnamed, "Image", target.Path));
    }

    [Fact]
    public void Missing_directory_is_named()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => Context.Data.LoadImagesFromDirectory("/no/such/dir"));
        Assert.Contains("/no/such/dir", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_column_type_is_named()
    {
        var data = Context.Data.LoadFromEnumerable([new { Image = 1f }]);
        var ex = Assert.Throws<ArgumentException>(() => ImageColumn.Read(data, "Image").ToList());
        Assert.Contains("'Image'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Single", ex.Message, StringComparison.Ordinal);
    }

    private static ImageLoadException FindLoadException(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is ImageLoadException load)
            {
                return load;
            }
        }

        throw new Xunit.Sdk.XunitException("No ImageLoadException in " + ex);
    }
}
