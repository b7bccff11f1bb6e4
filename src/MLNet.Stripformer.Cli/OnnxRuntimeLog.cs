using Microsoft.ML.OnnxRuntime;

namespace MLNet.Stripformer.Cli;

/// <summary>
/// Creates ONNX Runtime's process-wide environment with a logger that keeps its warnings and errors, so the CLI can
/// check that a model loads cleanly and report what ONNX Runtime said (in one line each, never on the console
/// unasked).
/// </summary>
internal static class OnnxRuntimeLog
{
    private static readonly List<string> Messages = [];
    private static readonly Lock Gate = new();
    private static DOrtLoggingFunction? _logger;

    /// <summary>Warnings and errors logged since the last call.</summary>
    public static IReadOnlyList<string> Take()
    {
        lock (Gate)
        {
            var taken = Messages.ToList();
            Messages.Clear();
            return taken;
        }
    }

    /// <summary>Creates the environment with the logger, unless something created it already.</summary>
    public static void Initialize()
    {
        if (OrtEnv.IsCreated)
        {
            return;
        }

        _logger = (_, severity, category, _, _, message) =>
        {
            lock (Gate)
            {
                Messages.Add($"{severity} [{category}] {message}".ReplaceLineEndings(" "));
            }
        };
        var options = new EnvironmentCreationOptions { logId = "stripformer", logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, loggingFunction = _logger };
        OrtEnv.CreateInstanceWithOptions(ref options);
    }
}
