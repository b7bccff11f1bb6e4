namespace MLNet.Stripformer.Tests.Support;

/// <summary>Locations of the repository, the committed references and the shared photo data.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string References => Path.Combine(RepositoryRoot, "tests", "MLNet.Stripformer.Tests", "References");

    public static string SharedData => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string Photos => Path.Combine(SharedData, "photos");

    public static string Odd => Path.Combine(SharedData, "odd");

    public static string Samples => Path.Combine(RepositoryRoot, "samples");

    public static string Reference(string name) => Path.Combine(References, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MLNet.Stripformer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find MLNet.Stripformer.sln above " + AppContext.BaseDirectory);
    }
}
