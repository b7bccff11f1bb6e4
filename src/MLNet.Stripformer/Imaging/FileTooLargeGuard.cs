namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Wraps a file stream so that a write the file system refuses for size (EFBIG: a file size limit, FAT32's 4 GB),
/// which .NET reports as an <see cref="ArgumentOutOfRangeException"/> about a "value" the caller never passed, is an
/// <see cref="IOException"/> like a full disk (ENOSPC) is. Exceptions of the code that writes pass unchanged.
/// </summary>
internal sealed class FileTooLargeGuard(FileStream inner) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override void Write(byte[] buffer, int offset, int count) => Guard(() => inner.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw TooLarge(ex);
        }
    }

    public override void Flush() => Guard(inner.Flush);

    /// <summary>Flushes the data to the disk.</summary>
    public void FlushToDisk() => Guard(() => inner.Flush(flushToDisk: true));

    public override void SetLength(long value) => Guard(() => inner.SetLength(value));

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Guard(inner.Dispose);
        }

        base.Dispose(disposing);
    }

    private static void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw TooLarge(ex);
        }
    }

    private static IOException TooLarge(ArgumentOutOfRangeException ex) => new($"the file system refused the file's size: {ex.Message}", ex);
}
