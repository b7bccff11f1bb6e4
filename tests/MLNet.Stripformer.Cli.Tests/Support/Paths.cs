namespace MLNet.Stripformer.Cli.Tests.Support;

/// <summary>Repository locations and scratch directories for CLI tests.</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string References => Path.Combine(Root, "tests", "MLNet.Stripformer.Tests", "References");

    public static string Odd => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "odd"));

    public static string NewTempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "stripformer-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MLNet.Stripformer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root.");
    }
}
