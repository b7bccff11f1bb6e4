using System.IO.Compression;
using System.Text.Json;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Persistence;
using MLNet.Stripformer.Torch.Modules;
using TorchSharp.Modules;

namespace MLNet.Stripformer.Torch.Checkpoints;

/// <summary>
/// The project's checkpoint: one zip file holding <c>checkpoint.json</c> (<see cref="CheckpointState"/>),
/// <c>model.pth</c> (the weights as a PyTorch state dict, so <c>torch.load</c> reads them too) and
/// <c>optimizer.bin</c> (Adam's moments and step counts). It is written to a temporary file and renamed over the
/// target, so a crash mid-save never leaves a corrupt or missing checkpoint.
/// </summary>
public static class TrainingCheckpoint
{
    private const string StateEntry = "checkpoint.json";
    private const string ModelEntry = "model.pth";
    private const string OptimizerEntry = "optimizer.bin";

    /// <summary>Deflate's best compression ratio: no entry inflates to more than this times its stored size.</summary>
    private const long DeflateMaxRatio = 1032;

    /// <summary>Writes a checkpoint atomically.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="network">The (float32 master) network.</param>
    /// <param name="optimizer">The optimizer, or null for weights only.</param>
    /// <param name="state">The training state.</param>
    public static void Save(string path, StripformerNetwork network, Adam? optimizer, CheckpointState state)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(state);
        network.EnsureFiniteWeights($"save the checkpoint '{path}'");
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            using (var entry = zip.CreateEntry(StateEntry, CompressionLevel.Fastest).Open())
            {
                JsonSerializer.Serialize(entry, state, StripformerJson.Options);
            }

            using (var entry = zip.CreateEntry(ModelEntry, CompressionLevel.NoCompression).Open())
            {
                var buffer = new MemoryStream();
                TorchSharp.PyBridge.PyBridgeModuleExtensions.save_py(network, buffer, leaveOpen: true);
                buffer.Position = 0;
                buffer.CopyTo(entry);
            }

            if (optimizer is not null)
            {
                using var entry = zip.CreateEntry(OptimizerEntry, CompressionLevel.NoCompression).Open();
                using var writer = new BinaryWriter(entry);
                optimizer.save_state_dict(writer);
            }
        });
    }

    /// <summary>Whether a file is one of our checkpoints (a zip with <c>checkpoint.json</c>).</summary>
    /// <param name="path">The file.</param>
    public static bool IsCheckpoint(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.GetEntry(StateEntry) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Reads a checkpoint's state.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">Not a readable checkpoint; the message names the file.</exception>
    public static CheckpointState ReadState(string path) => Read(path, zip => StateFrom(zip, path));

    /// <summary>Loads a checkpoint's weights into a network of the same configuration.</summary>
    /// <param name="path">The file.</param>
    /// <param name="network">The network.</param>
    public static void LoadWeights(string path, StripformerNetwork network) => Read(path, zip =>
    {
        using var entry = Entry(zip, ModelEntry, path).Open();
        var buffer = new MemoryStream();
        entry.CopyTo(buffer);
        buffer.Position = 0;
        PyTorchWeights.Load(network, buffer, $"{path} ({ModelEntry})");
        return true;
    });

    /// <summary>Restores the optimizer's state saved with the checkpoint.</summary>
    /// <param name="path">The file.</param>
    /// <param name="optimizer">An Adam optimizer over the same parameters.</param>
    public static void LoadOptimizer(string path, Adam optimizer) => Read(path, zip =>
    {
        using var entry = Entry(zip, OptimizerEntry, path).Open();
        var buffer = new MemoryStream();
        entry.CopyTo(buffer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        optimizer.load_state_dict(reader);
        return true;
    });

    /// <summary>Builds the checkpoint's network with its weights.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">Not a readable checkpoint, or its configuration is invalid or larger
    /// than the weights it holds; the message names the file.</exception>
    public static StripformerNetwork LoadNetwork(string path)
    {
        // One read gives the configuration and how many bytes of weights the file can hold at most.
        var (config, weightBytes, weightCapacity) = Read(path, zip =>
        {
            var model = Entry(zip, ModelEntry, path);
            return (StateFrom(zip, path).Config, model.Length, Math.Min(model.Length, model.CompressedLength * DeflateMaxRatio));
        });
        if (config is null)
        {
            throw new InvalidDataException($"'{path}' has no network configuration.");
        }

        try
        {
            config.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"'{path}' has an invalid network configuration: {ex.Message}", ex);
        }

        // Weights take 2 bytes each at least: a configuration larger than the file allows is refused before the
        // network is built, so a hostile file cannot make us allocate more than its size allows.
        double needed = config.MinimumWeightCount() * 2;
        if (needed > weightCapacity)
        {
            throw new InvalidDataException(
                $"'{path}' claims the configuration {config} (at least {needed:0} bytes of weights), but its {ModelEntry} holds {weightBytes} bytes.");
        }

        var network = new StripformerNetwork(config);
        try
        {
            LoadWeights(path, network);
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static T Read<T>(string path, Func<ZipArchive, T> read)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The checkpoint '{path}' does not exist.", path);
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            return read(zip);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or IOException or NotSupportedException)
        {
            throw new InvalidDataException($"'{path}' is not a readable checkpoint ({ex.Message})", ex);
        }
    }

    private static CheckpointState StateFrom(ZipArchive zip, string path)
    {
        using var entry = Entry(zip, StateEntry, path).Open();
        return JsonSerializer.Deserialize<CheckpointState>(entry, StripformerJson.Options) ?? throw new InvalidDataException($"'{path}' has an empty {StateEntry}.");
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string name, string path) =>
        zip.GetEntry(name) ?? throw new InvalidDataException($"'{path}' is not a complete checkpoint: it has no {name}.");
}
