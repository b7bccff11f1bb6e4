using System.Text;
using System.Text.Json;
using MLNet.Stripformer.Onnx;
using MLNet.Stripformer.Persistence;
using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;

namespace MLNet.Stripformer.Torch.Checkpoints;

/// <summary>
/// The network files a user has, whatever their origin: a checkpoint written by our trainer (its configuration
/// inside), or a PyTorch file (a state dict, or a training checkpoint holding one, such as the official Stripformer
/// releases; the configuration recognised from its shapes unless given).
/// </summary>
public static class NetworkFiles
{
    /// <summary>Loads the network a file holds.</summary>
    /// <param name="path">A <c>.ckpt</c> from the trainer or a PyTorch file.</param>
    /// <param name="config">For a PyTorch file: the configuration, or null to recognise it. Ignored for our checkpoints.</param>
    /// <param name="output">For a PyTorch file: overrides the configuration's output form, or null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file holds no usable network; the message names it and says why.</exception>
    public static StripformerNetwork Load(string path, StripformerConfig? config = null, StripformerOutput? output = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The network file '{path}' does not exist.", path);
        }

        TorchRuntime.Initialize();
        return TrainingCheckpoint.IsCheckpoint(path) ? TrainingCheckpoint.LoadNetwork(path) : PyTorchWeights.LoadNetwork(path, config, output);
    }

    /// <summary>
    /// The ONNX export of a network file, made once and kept in the user's <see cref="PrivateCache"/> (keyed by the
    /// file's bytes, the options and the project version), so that scoring a checkpoint costs its export only the
    /// first time. Give the returned path to <c>Deblur</c>.
    /// </summary>
    /// <param name="path">A <c>.ckpt</c> from the trainer or a PyTorch file.</param>
    /// <param name="config">As for <see cref="Load"/>.</param>
    /// <param name="output">As for <see cref="Load"/>.</param>
    /// <returns>The cached <c>.onnx</c> file.</returns>
    public static string ToCachedOnnx(string path, StripformerConfig? config = null, StripformerOutput? output = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The network file '{path}' does not exist.", path);
        }

        string options = JsonSerializer.Serialize(new { config, output, ProjectVersion.Current }, StripformerJson.Options);
        string key = PrivateCache.Key(File.ReadAllBytes(path), Encoding.UTF8.GetBytes(options));
        return PrivateCache.GetOrCreate("checkpoint-onnx", key, ".onnx", () =>
        {
            using var network = Load(path, config, output);
            return network.ToOnnx();
        });
    }
}
