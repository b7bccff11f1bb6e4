using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>Reads (blurred, sharp) pairs from two packed image columns, optionally resizing both.</summary>
internal static class PairReader
{
    public static void RequireColumns(DataViewSchema schema, string blurred, string sharp)
    {
        ImageColumn.Require(schema, blurred, "blurred");
        ImageColumn.Require(schema, sharp, "sharp");
    }

    public static IEnumerable<TrainingPair> Read(IDataView data, string blurredColumn, string sharpColumn, (int Width, int Height)? resizeTo)
    {
        RequireColumns(data.Schema, blurredColumn, sharpColumn);
        var blurred = data.Schema[blurredColumn];
        var sharp = data.Schema[sharpColumn];
        using var cursor = data.GetRowCursor([blurred, sharp]);
        var blurredGetter = cursor.GetGetter<VBuffer<float>>(blurred);
        var sharpGetter = cursor.GetGetter<VBuffer<float>>(sharp);
        VBuffer<float> b = default, s = default;
        for (long row = 0; cursor.MoveNext(); row++)
        {
            blurredGetter(ref b);
            sharpGetter(ref s);
            var blurredImage = ImageColumn.Unpack(b, $"Column '{blurredColumn}' row {row}");
            var sharpImage = ImageColumn.Unpack(s, $"Column '{sharpColumn}' row {row}");
            if (blurredImage.Width != sharpImage.Width || blurredImage.Height != sharpImage.Height)
            {
                throw new ArgumentException(
                    $"Row {row}: the blurred image '{blurredColumn}' is {blurredImage.Width}x{blurredImage.Height} but the sharp image '{sharpColumn}' is {sharpImage.Width}x{sharpImage.Height}.");
            }

            if (resizeTo is { } size)
            {
                blurredImage = ImageResize.Bilinear(blurredImage, size.Width, size.Height);
                sharpImage = ImageResize.Bilinear(sharpImage, size.Width, size.Height);
            }

            yield return new TrainingPair(blurredImage, sharpImage, row);
        }
    }
}
