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
        var file = WrappedModelFile.For(model, 0, 0, () => model);
        Assert.Equal(model, File.ReadAllBytes(file.Path));

        byte[] planted = new byte[model.Length];
        File.WriteAllBytes(file.Path, planted); // same length, other content
        Assert.False(PrivateCache.Verifies(file.Path));

        var again = WrappedModelFile.For(model, 0, 0, () => model);
        Assert.Equal(file.Path, again.Path);
        Assert.Equal(model, File.ReadAllBytes(again.Path));
    }

    [Fact]
    public void A_recomputable_entry_is_trusted_only_when_its_content_is_exactly_the_expected_bytes()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(PrivateCache.Folder(dir.Path, "native"), "libLibTorchSharp.so");
        byte[] patched = [1, 2, 3, 4, 5];
        Assert.False(PrivateCache.Holds(path, patched)); // missing

        File.WriteAllBytes(path, [1, 2, 3, 4, 6]); // planted: the right length, other content
        File.WriteAllText(path + ".sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));
        Assert.False(PrivateCache.Holds(path, patched)); // a hash stored beside it is not trusted

        PrivateCache.Store(path, patched);
        Assert.True(PrivateCache.Holds(path, patched));
    }

    [Fact]
    public void A_folder_over_its_limit_loses_its_least_recently_used_entries_but_never_the_one_just_stored()
    {
        using var dir = new TempDirectory();
        string folder = PrivateCache.Folder(dir.Path, "deblur-onnx");
        var now = DateTime.UtcNow;
        string[] entries = [.. Enumerable.Range(0, 5).Select(i => Path.Combine(folder, $"entry{i}.onnx"))];
        for (int i = 0; i < entries.Length; i++)
        {
            PrivateCache.Store(entries[i], new byte[100]);
            File.SetLastWriteTimeUtc(entries[i], now.AddMinutes(i - 10)); // entry4 the most recently used
            File.SetLastAccessTimeUtc(entries[i], now.AddMinutes(i - 10));
        }

        PrivateCache.MarkUsed(entries[1]); // used just now: kept
        Assert.Equal(2, PrivateCache.Trim(folder, 300, keep: entries[0])); // entry0 was just stored
        Assert.Equal([true, true, false, false, true], entries.Select(File.Exists));
        Assert.Equal([true, true, false, false, true], entries.Select(e => File.Exists(e + ".sha256")));
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
