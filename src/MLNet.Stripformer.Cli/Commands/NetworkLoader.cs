using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary>The <c>--checkpoint</c>, <c>--config</c> and <c>--output-mode</c> options as a network.</summary>
internal static class NetworkLoader
{
    public static StripformerNetwork Load(string path, string? config, StripformerOutput? output) =>
        NetworkFiles.Load(path, Config(config), output);

    /// <summary>The <c>--config</c> value as a configuration; null (recognise it from the file) when not given.</summary>
    public static StripformerConfig? Config(string? name) => name is null ? null : StripformerConfig.FromName(name);
}
