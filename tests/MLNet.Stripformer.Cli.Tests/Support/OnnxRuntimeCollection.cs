namespace MLNet.Stripformer.Cli.Tests.Support;

/// <summary>In-process commands that use ONNX Runtime share its process-wide environment and log; the export check
/// reads that log, so these test classes run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OnnxRuntimeCollection
{
    public const string Name = "ONNX Runtime";
}
