using MLNet.Stripformer.Cli.Tests.Support;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Cli.Tests.Commands;

/// <summary>A directory run writes only inside the output directory, whatever the input file names are and whatever
/// links the output directory holds.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class OutputPathTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Odd_input_names_and_a_planted_link_never_lead_a_write_outside_the_output_directory()
    {
        string input = Directory.CreateDirectory(_temp.File("in")).FullName;
        string output = Directory.CreateDirectory(_temp.File("out")).FullName;
        foreach (string name in new[] { "...png", "..jpg", "a..b.png", "-rf.png", " .png", "%2e%2e%2fx.png" })
        {
            File.Copy(TestPaths.Reference("crop2.png"), Path.Combine(input, name));
        }

        string victim = _temp.File("victim.txt");
        File.WriteAllText(victim, "untouched");
        File.CreateSymbolicLink(Path.Combine(output, "-rf.png"), victim);
        var outside = Snapshot(_temp.Path, output);

        var run = CliRun.Of("deblur", input, output, "--model", TestPaths.Reference("tiny-stripformer.onnx"), "--device", "cpu");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(outside, Snapshot(_temp.Path, output));
        Assert.Equal("untouched", File.ReadAllText(victim));
        Assert.Null(new FileInfo(Path.Combine(output, "-rf.png")).LinkTarget);
        // Hidden files ("...png", "..jpg") are not listed in a directory run; the others keep their base names.
        Assert.Equal([" .png", "%2e%2e%2fx.png", "-rf.png", "a..b.png"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>Every file under <paramref name="root"/> but outside <paramref name="excluded"/>, with its length and time.</summary>
    private static List<string> Snapshot(string root, string excluded) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(excluded + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}")
            .Order(StringComparer.Ordinal)
            .ToList();
}
