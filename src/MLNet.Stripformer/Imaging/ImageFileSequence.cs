using System.Collections;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Decodes a list of files lazily, one row at a time, each time it is enumerated, so a data view over thousands of
/// photos holds one decoded image per cursor. Bad files stop the enumeration or are skipped and reported.
/// </summary>
internal sealed class ImageFileSequence(IReadOnlyList<string> paths, ImageLoadOptions options) : IEnumerable<ImageFileRow>
{
    public IEnumerator<ImageFileRow> GetEnumerator()
    {
        foreach (string path in paths)
        {
            RgbImage image;
            try
            {
                image = ImageDecoder.Decode(path, options.Decode);
            }
            catch (ImageLoadException ex) when (options.BadFiles == BadFilePolicy.Skip)
            {
                options.Report.Add(ex);
                continue;
            }

            yield return new ImageFileRow { Path = path, Image = PackedImage.Pack(image) };
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
