using System.Diagnostics;

namespace MLNet.Stripformer.Tests.Support;

/// <summary>Runs MLNet.Stripformer.ModelHost in a fresh process and reads back what it wrote.</summary>
internal static class ModelHostProcess
{
    public static Dictionary<string, List<float[]>> Apply(string modelPath, string imageDirectory, string outputPath)
    {
        string host = Path.Combine(AppContext.BaseDirectory, "MLNet.Stripformer.ModelHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in new[] { host, modelPath, imageDirectory, outputPath })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("ModelHost did not finish in 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ModelHost exited with {process.ExitCode}: {errors}");
        }

        return Read(outputPath);
    }

    /// <summary>Column name to per-row values (a double column gives one-element arrays).</summary>
    private static Dictionary<string, List<float[]>> Read(string path)
    {
        var result = new Dictionary<string, List<float[]>>();
        using var reader = new BinaryReader(File.OpenRead(path));
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            string name = reader.ReadString();
            if (!result.TryGetValue(name, out var rows))
            {
                result[name] = rows = [];
            }

            if (reader.ReadChar() == 'd')
            {
                rows.Add([(float)reader.ReadDouble()]);
                continue;
            }

            var values = new float[reader.ReadInt32()];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadSingle();
            }

            rows.Add(values);
        }

        return result;
    }
}
