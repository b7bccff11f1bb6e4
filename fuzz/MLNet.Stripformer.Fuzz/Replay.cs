namespace MLNet.Stripformer.Fuzz;

/// <summary>Runs a target once per file outside the fuzzer, to reproduce a finding with its stack trace.</summary>
internal static class Replay
{
    /// <summary>Runs every file; returns 1 if any escaped with an undocumented exception.</summary>
    public static int Files(IFuzzTarget target, IEnumerable<string> files)
    {
        int failures = 0;
        foreach (string file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"ok   {file}");
            }
            catch (Exception ex)
            {
                failures++;
                Console.WriteLine($"FAIL {file}: {ex}");
            }
        }

        return failures == 0 ? 0 : 1;
    }
}
