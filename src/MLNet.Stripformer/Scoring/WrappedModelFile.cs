using MLNet.Stripformer.Persistence;

namespace MLNet.Stripformer.Scoring;

/// <summary>
/// A wrapped Deblur model on disk in the user's private cache (<see cref="PrivateCache"/>, folder
/// <c>deblur-onnx</c>): ML.NET's ONNX transform is created from a file and reads it again on <c>Model.Save</c>. The
/// file is named by the SHA-256 of what the wrapping reads (the network's bytes, the tiling) and of the code that
/// wraps (this assembly's build), so the wrapping runs once per network and release, not on every start; a file is
/// used only when its bytes verify, and is made again (atomically) when something removed or changed it.
/// </summary>
internal sealed class WrappedModelFile
{
    private readonly Func<byte[]> _build;

    private WrappedModelFile(string path, Func<byte[]> build)
    {
        Path = path;
        _build = build;
    }

    public string Path { get; }

    /// <summary>The wrapped file of <paramref name="network"/> with this tiling, made with <paramref name="build"/> when missing.</summary>
    public static WrappedModelFile For(byte[] network, int tile, int overlap, Func<byte[]> build)
    {
        string key = PrivateCache.Key(network, BitConverter.GetBytes(tile), BitConverter.GetBytes(overlap), typeof(WrappedModelFile).Module.ModuleVersionId.ToByteArray());
        var file = new WrappedModelFile(System.IO.Path.Combine(PrivateCache.Folder("deblur-onnx"), key + ".onnx"), build);
        file.EnsureExists();
        return file;
    }

    /// <summary>Writes the file (atomically) unless it is there and its bytes verify.</summary>
    public void EnsureExists()
    {
        if (PrivateCache.Verifies(Path))
        {
            PrivateCache.MarkUsed(Path);
        }
        else
        {
            PrivateCache.Store(Path, _build());
        }
    }
}
