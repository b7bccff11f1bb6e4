using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Training;
using TorchSharp.Modules;

namespace MLNet.Stripformer.Fuzz;

/// <summary>
/// The weight readers behind <c>train --init</c>, <c>--resume</c> and <c>export --checkpoint</c>: the bytes are
/// written to a file and loaded with <see cref="WeightsFile.Load"/> (our checkpoint zip or a PyTorch <c>.pth</c>);
/// a checkpoint is also read with <see cref="TrainingCheckpoint.LoadNetwork"/>, which reads its state and builds the
/// network its configuration names. Only
/// <see cref="InvalidDataException"/> may escape.
/// </summary>
internal sealed class CheckpointTarget : IFuzzTarget, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"stripformer-fuzz-{Environment.ProcessId}.bin");
    private readonly StripformerNetwork _network = MicroNetwork.Create();

    public string Name => "checkpoint";

    /// <summary>The micro network as a checkpoint (with and without Adam's state) and as a PyTorch state dict.</summary>
    public void WriteSeeds(string directory)
    {
        var state = new CheckpointState(MicroNetwork.Config, 1, 0, 3, 1, 30.5, 1, 0, "Float32", [], "fuzz");
        TrainingCheckpoint.Save(Path.Combine(directory, "weights.ckpt"), _network, null, state);
        using var optimizer = new Adam(_network.parameters(), 1e-3);
        TrainingCheckpoint.Save(Path.Combine(directory, "with-optimizer.ckpt"), _network, optimizer, state);
        PyTorchWeights.Save(_network, Path.Combine(directory, "state-dict.pth"));
    }

    public void Run(byte[] data)
    {
        File.WriteAllBytes(_file, data);
        try
        {
            WeightsFile.Load(_network, _file);
            if (TrainingCheckpoint.IsCheckpoint(_file))
            {
                using var network = TrainingCheckpoint.LoadNetwork(_file); // reads the state first
            }
        }
        catch (InvalidDataException)
        {
        }
    }

    public void Dispose()
    {
        _network.Dispose();
        File.Delete(_file);
    }
}
