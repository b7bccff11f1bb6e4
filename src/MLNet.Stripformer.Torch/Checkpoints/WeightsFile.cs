using MLNet.Stripformer.Torch.Modules;

namespace MLNet.Stripformer.Torch.Checkpoints;

/// <summary>Loads weights from either of the formats the library reads: its own checkpoint or a PyTorch <c>.pth</c>.</summary>
public static class WeightsFile
{
    /// <summary>Loads weights into a network.</summary>
    /// <param name="network">The network.</param>
    /// <param name="path">A checkpoint written by the trainer, or a PyTorch state dict / checkpoint dictionary.</param>
    public static void Load(StripformerNetwork network, string path)
    {
        if (TrainingCheckpoint.IsCheckpoint(path))
        {
            TrainingCheckpoint.LoadWeights(path, network);
        }
        else
        {
            PyTorchWeights.Load(network, path);
        }
    }
}
