using System.Security.Cryptography;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Persistence;

/// <summary>
/// The project's per-user file cache (derived files that are expensive to make: the wrapped Deblur graph, ONNX
/// exports of PyTorch checkpoints, the patched native library). It lives under
/// <c>$STRIPFORMER_CACHE</c>, else <c>$XDG_CACHE_HOME/mlnet-stripformer</c>, else <c>~/.cache/mlnet-stripformer</c>;
/// on Unix its folders are created private (0700) and a folder that another user owns or can write is refused.
/// An entry is named by the SHA-256 of what it was made from, written atomically (temporary file, then rename),
/// and reused only when the SHA-256 of its bytes equals the one recorded beside it, so a truncated or planted
/// file is made again rather than used. A folder keeps at most <see cref="FolderLimitBytes"/>: storing an entry
/// deletes the least recently used ones beyond that.
/// </summary>
public static class PrivateCache
{
    /// <summary>The most bytes one cache folder keeps (2 GiB): enough for the wrapped graphs of a few dozen
    /// networks; older entries are made again when needed.</summary>
    public const long FolderLimitBytes = 2L << 30;

    /// <summary>Environment variable naming the cache's root folder.</summary>
    public const string RootVariable = "STRIPFORMER_CACHE";

    /// <summary>The root folder (not created).</summary>
    public static string Root
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable(RootVariable);
            if (!string.IsNullOrEmpty(configured))
            {
                return configured;
            }

            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            string root = !string.IsNullOrEmpty(xdg) ? xdg : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache") : Path.GetTempPath();
            return Path.Combine(root, "mlnet-stripformer");
        }
    }

    /// <summary>The SHA-256 of some bytes, as lower-case hex: the key of what is made from them.</summary>
    /// <param name="parts">The inputs, in order (for example a file's bytes and the options it is converted with).</param>
    public static string Key(params byte[][] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (byte[] part in parts)
        {
            hash.AppendData(BitConverter.GetBytes((long)part.Length));
            hash.AppendData(part);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A private folder of the cache, created when missing.</summary>
    /// <param name="kind">The folder's name under the root (<c>onnx</c>, <c>native</c>, ...).</param>
    /// <exception cref="UnauthorizedAccessException">The folder exists but is not private to this user.</exception>
    public static string Folder(string kind) => Folder(Root, kind);

    /// <summary><see cref="Folder(string)"/> under another root (tests).</summary>
    internal static string Folder(string root, string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        string folder = Path.Combine(root, kind);
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(folder).FullName;
        }

        foreach (string path in new[] { root, folder })
        {
            if (!Directory.Exists(path))
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            const UnixFileMode Shared = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
            var info = new DirectoryInfo(path);
            if ((info.UnixFileMode & Shared) != 0 || info.LinkTarget is not null)
            {
                throw new UnauthorizedAccessException(
                    $"The cache folder '{path}' is writable by other users or is a link; make it private (chmod 700) or set {RootVariable} to a private folder.");
            }
        }

        return folder;
    }

    /// <summary>The cached file for a key, made with <paramref name="create"/> when it is missing or does not verify.</summary>
    /// <param name="kind">The cache folder (see <see cref="Folder(string)"/>).</param>
    /// <param name="key">The key (see <see cref="Key"/>).</param>
    /// <param name="extension">The file's extension, with its dot.</param>
    /// <param name="create">Makes the bytes.</param>
    /// <returns>The file's path.</returns>
    public static string GetOrCreate(string kind, string key, string extension, Func<byte[]> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        string path = Path.Combine(Folder(kind), key + extension);
        if (Verifies(path))
        {
            MarkUsed(path);
        }
        else
        {
            Store(path, create());
        }

        return path;
    }

    /// <summary>Writes bytes to a cache entry (atomically, with the hash that <see cref="Verifies"/> checks).</summary>
    /// <param name="path">The entry's path, inside a <see cref="Folder(string)"/>.</param>
    /// <param name="bytes">The content.</param>
    public static void Store(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        AtomicFile.Write(path, stream => stream.Write(bytes));
        AtomicFile.WriteAllText(path + ".sha256", Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Trim(Path.GetDirectoryName(Path.GetFullPath(path))!, FolderLimitBytes, path);
    }

    /// <summary>Marks an entry as just used (its access time; its write time still says when it was made), so that
    /// trimming keeps it longest.</summary>
    /// <param name="path">The entry's path.</param>
    public static void MarkUsed(string path)
    {
        try
        {
            File.SetLastAccessTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only entry is still valid; it may just be trimmed sooner.
        }
    }

    /// <summary>Deletes the least recently used entries of a folder (and their recorded hashes) until the rest
    /// fit in <paramref name="limit"/> bytes; <paramref name="keep"/> is never deleted.</summary>
    /// <returns>How many entries were deleted.</returns>
    internal static int Trim(string folder, long limit, string keep)
    {
        string kept = Path.GetFullPath(keep);
        var entries = Directory.EnumerateFiles(folder)
            .Where(f => !f.EndsWith(".sha256", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith('.'))
            .Select(f => new FileInfo(f))
            .OrderByDescending(f => f.FullName == kept)
            .ThenByDescending(f => f.LastAccessTimeUtc > f.LastWriteTimeUtc ? f.LastAccessTimeUtc : f.LastWriteTimeUtc)
            .ToList();
        long total = 0;
        int removed = 0;
        foreach (var entry in entries)
        {
            total += entry.Length;
            if (total > limit && entry.FullName != kept)
            {
                try
                {
                    entry.Delete();
                    File.Delete(entry.FullName + ".sha256");
                    removed++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // In use or not ours to delete: left for a later trim.
                }
            }
        }

        return removed;
    }

    /// <summary>Whether a file exists and holds exactly <paramref name="expected"/> (compared by SHA-256): for an
    /// entry whose content can be recomputed cheaply, this trusts nothing stored beside it.</summary>
    /// <param name="path">The entry's path.</param>
    /// <param name="expected">The content it must have.</param>
    public static bool Holds(string path, byte[] expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (!File.Exists(path) || new FileInfo(path).Length != expected.Length)
        {
            return false;
        }

        using var stream = File.OpenRead(path);
        return SHA256.HashData(stream).AsSpan().SequenceEqual(SHA256.HashData(expected));
    }

    /// <summary>Whether an entry exists and its bytes have the SHA-256 recorded beside it when it was stored.</summary>
    /// <param name="path">The entry's path.</param>
    public static bool Verifies(string path)
    {
        string recorded = path + ".sha256";
        if (!File.Exists(path) || !File.Exists(recorded))
        {
            return false;
        }

        using var stream = File.OpenRead(path);
        return string.Equals(Convert.ToHexStringLower(SHA256.HashData(stream)), File.ReadAllText(recorded).Trim(), StringComparison.Ordinal);
    }
}
