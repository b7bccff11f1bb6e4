using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary>The <c>--checkpoint</c>, <c>--config</c> and <c>--output-mode</c> options as a network.</summary>
internal static class NetworkLoader
{
    public static StripformerNetwork Load(string path, string? config, StripformerOutput? output) =>
        NetworkFiles.Load(path, config is null ? null : StripformerConfig.FromName(config), output);
}
