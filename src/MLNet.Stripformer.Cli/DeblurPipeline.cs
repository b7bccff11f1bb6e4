using System.Threading.Channels;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Cli;

/// <summary>
/// Deblurs a list of jobs with decoding, scoring and encoding overlapped: a reader thread decodes ahead, the
/// calling thread scores (one prediction engine, used by one thread), a writer thread encodes and renames each
/// output into place. The queues between them hold two images each, so memory stays flat however many images there
/// are. Progress moves with each tile of each image. An image that fails is reported and the others go on;
/// cancellation stops between tiles, and the images already deblurred are still written (each atomically, so a
/// kill leaves no partial output).
/// </summary>
internal static class DeblurPipeline
{
    private const int QueueLength = 2;

    /// <summary>Runs the jobs; returns one line per failed image ("input: reason"), in job order.</summary>
    /// <param name="jobs">The images and their outputs.</param>
    /// <param name="deblur">Deblurs an image (its path given for messages), reporting its tiles.</param>
    /// <param name="advance">Moves the progress by a fraction of an image.</param>
    /// <param name="cancellationToken">Stops between tiles and images.</param>
    public static IReadOnlyList<string> Run(IReadOnlyList<ImageJob> jobs, Func<RgbImage, string, IProgress<TileProgress>, RgbImage> deblur, Action<double> advance, CancellationToken cancellationToken)
    {
        // Once per output directory, not per image: a killed run's temporaries go before anything is written.
        foreach (string directory in jobs.Select(j => Path.GetDirectoryName(Path.GetFullPath(j.Output))!).Distinct(StringComparer.Ordinal))
        {
            AtomicFile.RemoveStaleTemporaries(directory);
        }

        var decoded = Channel.CreateBounded<Item>(QueueLength);
        var deblurred = Channel.CreateBounded<Item>(QueueLength);
        var failures = new string?[jobs.Count];

        var reader = Task.Run(async () =>
        {
            try
            {
                for (int i = 0; i < jobs.Count && !cancellationToken.IsCancellationRequested; i++)
                {
                    await decoded.Writer.WriteAsync(Attempt(i, () => ImageDecoder.Decode(jobs[i].Input)), cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                // Stop taking new images; what is queued is still written.
            }
            finally
            {
                decoded.Writer.Complete();
            }
        });

        var writer = Task.Run(async () =>
        {
            await foreach (var item in deblurred.Reader.ReadAllAsync())
            {
                if (item.Image is { } image)
                {
                    item.Failure = Attempt(() => ImageEncoder.Save(image, jobs[item.Index].Output));
                }

                failures[item.Index] = item.Failure;
            }
        });

        try
        {
            foreach (var item in decoded.Reader.ReadAllAsync().ToBlockingEnumerable())
            {
                if (item.Image is { } image)
                {
                    var tiles = new SynchronousProgress<TileProgress>(p => advance(1.0 / p.Total));
                    var result = Attempt(item.Index, () => deblur(image, jobs[item.Index].Input, tiles));
                    item.Image = result.Image;
                    item.Failure = result.Failure;
                }
                else
                {
                    advance(1); // not decoded: nothing to deblur
                }

                deblurred.Writer.WriteAsync(item).AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            deblurred.Writer.Complete();
            Task.WaitAll(reader, writer);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return [.. failures.Select((failure, i) => failure is null ? null : $"{jobs[i].Input}: {failure}").OfType<string>()];
    }

    private static Item Attempt(int index, Func<RgbImage> work)
    {
        try
        {
            return new Item(index) { Image = work() };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new Item(index) { Failure = e.Message.ReplaceLineEndings(" ") };
        }
    }

    private static string? Attempt(Action work)
    {
        try
        {
            work();
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e.Message.ReplaceLineEndings(" ");
        }
    }

    /// <summary>One image on its way: decoded, then deblurred, or the reason it failed.</summary>
    private sealed class Item(int index)
    {
        public int Index { get; } = index;

        public RgbImage? Image { get; set; }

        public string? Failure { get; set; }
    }
}
