using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using System.Security.Cryptography;
using MLNet.Stripformer.Onnx;
using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Cli;

/// <summary><c>stripformer --version</c>: the tool's version (from the git tag it was built from) and the identity of
/// the default model it carries: its file name, the project version that exported it, its configuration and the start
/// of its SHA-256; and whether large buffers get huge pages (<see cref="HugePages"/>).</summary>
internal sealed class VersionReport(TextWriter output) : SynchronousCommandLineAction
{
    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        output.WriteLine($"stripformer {typeof(VersionReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}");
        output.WriteLine($"default model: {DefaultModel()}");
        output.WriteLine($"memory: {HugePages.Describe()}");
        return 0;
    }

    private static string DefaultModel()
    {
        byte[] bytes = DefaultDeblurModel.ReadAllBytes();
        var metadata = OnnxModelReader.Read(bytes, DefaultDeblurModel.FileName).Metadata;
        string exporter = metadata.TryGetValue("stripformer.version", out string? version) ? version : "unknown";
        string parameters = metadata.TryGetValue("stripformer.parameters", out string? count) ? count : "?";
        return $"{DefaultDeblurModel.FileName} (exported by MLNet.Stripformer {exporter}, {parameters} parameters, sha256 {Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]})";
    }
}
