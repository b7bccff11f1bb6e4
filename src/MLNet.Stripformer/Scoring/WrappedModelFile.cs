using MLNet.Stripformer.Persistence;

namespace MLNet.Stripformer.Scoring;

/// <summary>
/// A wrapped Deblur model on disk, named by its SHA-256 in the user's private cache (<see cref="PrivateCache"/>,
/// folder <c>deblur-onnx</c>): ML.NET's ONNX transform is created from a file and reads it again on
/// <c>Model.Save</c>. Equal models share one file, used only when its bytes verify; the bytes are kept so that the
/// file can be rewritten if something removed or changed it in between.
/// </summary>
internal sealed class WrappedModelFile
{
    private readonly byte[] _bytes;

    private WrappedModelFile(string path, byte[] bytes)
    {
        Path = path;
        _bytes = bytes;
    }

    public string Path { get; }

    public static WrappedModelFile Write(byte[] model)
    {
        string path = System.IO.Path.Combine(PrivateCache.Folder("deblur-onnx"), PrivateCache.Key(model) + ".onnx");
        var file = new WrappedModelFile(path, model);
        file.EnsureExists();
        return file;
    }

    /// <summary>Writes the file (atomically) unless it is there and its bytes verify.</summary>
    public void EnsureExists()
    {
        if (!PrivateCache.Verifies(Path))
        {
            PrivateCache.Store(Path, _bytes);
        }
    }
}
