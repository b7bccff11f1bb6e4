using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>Writes trainer messages to the MLContext's log (subscribers of <see cref="MLContext.Log"/> receive them).</summary>
internal static class TrainerLog
{
    public static void Write(MLContext context, string message)
    {
        var host = ((IHostEnvironment)context).Register(nameof(StripformerTrainer));
        using var channel = host.Start(nameof(StripformerTrainer));
        if (message.StartsWith("warning:", StringComparison.Ordinal))
        {
            channel.Warning(MessageSensitivity.None, message);
        }
        else
        {
            channel.Info(MessageSensitivity.None, message);
        }
    }
}
