namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Writes a file so that readers only ever see the old content or the complete new content: the data goes to a
/// temporary file in the same directory, is flushed to disk, and then replaces the target by a rename.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes a file atomically.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    /// <exception cref="IOException">The file could not be written (a full disk, a file size limit); the message
    /// names <paramref name="path"/> and the target keeps its previous content.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable; same message.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileTooLargeGuard(new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16)))
            {
                write(stream);
                stream.FlushToDisk();
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (IOException ex)
        {
            TryDelete(temporary);
            throw new IOException(Unwritten(full, ex), ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            TryDelete(temporary);
            throw new UnauthorizedAccessException(Unwritten(full, ex), ex);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes text atomically (UTF-8).</summary>
    /// <param name="path">The target file.</param>
    /// <param name="text">The content.</param>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });
    }

    /// <summary>Deletes the temporaries that processes which ended mid-write (killed, power lost) left in
    /// <paramref name="directory"/>: files named as <see cref="Write"/> names them whose process no longer runs.</summary>
    /// <param name="directory">A directory outputs are written to; nothing happens when it does not exist.</param>
    /// <returns>How many were deleted.</returns>
    public static int RemoveStaleTemporaries(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        int removed = 0;
        foreach (string temporary in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            // .{name}.{pid}.{guid}.tmp: the name may hold dots, so read from the end.
            string[] parts = Path.GetFileName(temporary).Split('.');
            if (parts.Length >= 5 && parts[^2].Length == 32 && int.TryParse(parts[^3], out int pid) && !IsRunning(pid))
            {
                TryDelete(temporary);
                removed += File.Exists(temporary) ? 0 : 1;
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Unwritten(string path, Exception ex) =>
        $"Could not write '{path}' ({ex.Message}); {(File.Exists(path) ? "the previous file is unchanged" : "nothing was written")}.";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: never mask the original error.
        }
    }
}
