using System.Collections.Concurrent;

namespace MLNet.Stripformer.Imaging;

/// <summary>The files a load skipped and why (with <see cref="BadFilePolicy.Skip"/>). Thread-safe; each file is
/// listed once however many times the data is read.</summary>
public sealed class ImageLoadReport
{
    private readonly ConcurrentDictionary<string, string> _skipped = new(StringComparer.Ordinal);

    /// <summary>The skipped files and their reasons, ordered by path.</summary>
    public IReadOnlyList<ImageLoadException> Skipped =>
        _skipped.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ImageLoadException(p.Key, p.Value)).ToList();

    internal void Add(ImageLoadException failure) => _skipped.TryAdd(failure.FilePath, failure.Reason);
}
