using System.Collections;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Decodes a list of files lazily, each time it is enumerated, in path order. On machines with more than a few cores
/// the next files are decoded ahead on the thread pool (a window of <see cref="ImageLoadOptions.DecodeAhead"/> files,
/// so memory stays bounded); on small machines decoding stays on the caller's thread, leaving the cores to the
/// consumer. Bad files stop the enumeration or are skipped and reported, exactly as without the window.
/// </summary>
internal sealed class ImageFileSequence(IReadOnlyList<string> paths, ImageLoadOptions options) : IEnumerable<ImageFileRow>
{
    /// <summary>The default look-ahead: a quarter of the cores, at least 1 (no look-ahead), at most 8.</summary>
    public static int DefaultDecodeAhead { get; } = Math.Clamp(Environment.ProcessorCount / 4, 1, 8);

    public IEnumerator<ImageFileRow> GetEnumerator()
    {
        int ahead = options.DecodeAhead ?? DefaultDecodeAhead;
        var window = new Queue<(string Path, Task<RgbImage> Image)>();
        int next = 0;
        while (next < paths.Count || window.Count > 0)
        {
            while (next < paths.Count && window.Count < ahead)
            {
                string path = paths[next++];
                window.Enqueue((path, ahead == 1 ? DecodeNow(path) : Task.Run(() => ImageDecoder.Decode(path, options.Decode))));
            }

            var (file, pending) = window.Dequeue();
            RgbImage image;
            try
            {
                image = pending.GetAwaiter().GetResult();
            }
            catch (ImageLoadException ex) when (options.BadFiles == BadFilePolicy.Skip)
            {
                options.Report.Add(ex);
                continue;
            }

            yield return new ImageFileRow { Path = file, Image = PackedImage.Pack(image) };
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Task<RgbImage> DecodeNow(string path)
    {
        try
        {
            return Task.FromResult(ImageDecoder.Decode(path, options.Decode));
        }
        catch (ImageLoadException ex)
        {
            return Task.FromException<RgbImage>(ex);
        }
    }
}
