namespace MLNet.Stripformer.Fuzz;

/// <summary>One fuzzed reader: it runs on arbitrary bytes and may throw only the exceptions its API documents.</summary>
internal interface IFuzzTarget
{
    /// <summary>The name on the command line.</summary>
    string Name { get; }

    /// <summary>Writes valid inputs to start the corpus from (besides any files copied into it).</summary>
    /// <param name="directory">The seed directory.</param>
    void WriteSeeds(string directory);

    /// <summary>Reads one input; a documented exception is swallowed, anything else escapes and is a finding.</summary>
    /// <param name="data">The input.</param>
    void Run(byte[] data);
}
