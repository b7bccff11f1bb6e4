using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Torch.Tests.Documentation;

/// <summary>
/// Every C# snippet of README.md compiles on its own, as the top-level program of a new console project (with the
/// SDK's implicit usings and nothing else) that references both libraries: a snippet cannot miss a <c>using</c>.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
        "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    public static TheoryData<int> SnippetLines()
    {
        var lines = new TheoryData<int>();
        foreach (var (line, _) in Snippets())
        {
            lines.Add(line);
        }

        return lines;
    }

    [Fact]
    public void The_readme_has_csharp_snippets() => Assert.True(Snippets().Count >= 4);

    [Theory]
    [MemberData(nameof(SnippetLines))]
    public void The_readme_snippet_compiles(int line)
    {
        string code = Snippets().Single(s => s.Line == line).Code;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "ReadmeSnippet",
            [CSharpSyntaxTree.ParseText(ImplicitUsings, parse), CSharpSyntaxTree.ParseText(code, parse)],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"README.md snippet at line {line}:\n" + string.Join("\n", errors));
    }

    private static List<(int Line, string Code)> Snippets()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));
        return CSharpBlock().Matches(text)
            .Select(m => (text[..m.Index].Count(c => c == '\n') + 1, m.Groups[1].Value))
            .ToList();
    }

    [GeneratedRegex(@"^```csharp\r?\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
