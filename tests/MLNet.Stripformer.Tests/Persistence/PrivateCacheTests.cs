using MLNet.Stripformer.Persistence;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Persistence;

public class PrivateCacheTests
{
    [Fact]
    public void A_planted_or_damaged_entry_of_the_right_length_is_not_used_but_made_again()
    {
        byte[] model = DefaultDeblurModel.ReadAllBytes();
        var file = WrappedModelFile.Write(model);
        Assert.Equal(model, File.ReadAllBytes(file.Path));

        byte[] planted = new byte[model.Length];
        File.WriteAllBytes(file.Path, planted); // same length, other content
        Assert.False(PrivateCache.Verifies(file.Path));

        var again = WrappedModelFile.Write(model);
        Assert.Equal(file.Path, again.Path);
        Assert.Equal(model, File.ReadAllBytes(again.Path));
    }

    [Fact]
    public void Entries_are_keyed_by_their_inputs_and_made_once()
    {
        string key = PrivateCache.Key([1, 2, 3], "options"u8.ToArray(), Guid.NewGuid().ToByteArray()); // new on every run
        Assert.NotEqual(PrivateCache.Key([1, 2, 3], [4]), PrivateCache.Key([1, 2], [3, 4])); // the parts are delimited
        int made = 0;
        string first = PrivateCache.GetOrCreate("tests", key, ".bin", () => { made++; return [42]; });
        string second = PrivateCache.GetOrCreate("tests", key, ".bin", () => { made++; return [42]; });
        Assert.Equal(first, second);
        Assert.Equal(1, made);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Folders_are_private_and_a_folder_others_can_write_is_refused()
    {
        using var dir = new TempDirectory();
        string root = Path.Combine(dir.Path, "cache");
        string folder = PrivateCache.Folder(root, "onnx");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));

        File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        var error = Assert.Throws<UnauthorizedAccessException>(() => PrivateCache.Folder(root, "onnx"));
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }
}
