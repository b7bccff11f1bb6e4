using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Blur;

public class BlurPairsTests
{
    [Fact]
    public void Every_image_is_paired_with_every_kernel()
    {
        var context = new MLContext(seed: 1);
        var images = context.Data.LoadImages(new[] { "crop1.png", "crop2.png" }.Select(TestPaths.Reference));
        var pairs = BlurPairs.Expand(context, images);
        var rows = context.Data.CreateEnumerable<BlurPairRow>(pairs, reuseRowObject: false).ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal(["gaussian:3:0.3", "gaussian:7:1", "gaussian:11:1.6", "gaussian:3:0.3", "gaussian:7:1", "gaussian:11:1.6"], rows.Select(r => r.Kernel));
        Assert.Equal(TestPaths.Reference("crop2.png"), rows[5].Path);
        var sharp = PackedImage.Unpack(rows[5].Sharp, "sharp");
        Assert.Equal(ImageBlur.Apply(sharp, BlurKernels.ReportGaussians[2]).Pixels, PackedImage.Unpack(rows[5].Blurred, "blurred").Pixels);
    }

    [Fact]
    public void Data_without_a_path_column_names_rows_by_position()
    {
        var context = new MLContext(seed: 1);
        var data = context.Data.LoadFromEnumerable([new { Image = PackedImage.Pack(new RgbImage(2, 2)) }]);
        var pairs = BlurPairs.Expand(context, data, [BlurKernel.Disk(1)]);
        Assert.Equal(["row 0"], pairs.GetColumn<string>("Path"));
    }
}
