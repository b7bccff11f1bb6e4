using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary>Loads a Stripformer from one of our checkpoints or a PyTorch state_dict.</summary>
internal static class NetworkLoader
{
    public static StripformerNetwork Load(string path, string? config, StripformerOutput? output)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The checkpoint '{path}' does not exist.", path);
        }

        TorchRuntime.Initialize();
        if (TrainingCheckpoint.IsCheckpoint(path))
        {
            return TrainingCheckpoint.LoadNetwork(path);
        }

        var named = StripformerConfig.FromName(config ?? throw new ArgumentException($"--config is required for the PyTorch file '{path}' (seed or paper)."));
        var network = new StripformerNetwork(output is { } o ? named with { Output = o } : named);
        PyTorchWeights.Load(network, path);
        return network;
    }
}
