using MLNet.Stripformer.Fuzz;
using SharpFuzz;

// Fuzzing harnesses (fuzz/README.md): MLNet.Stripformer.Fuzz TARGET MODE [ARGS]
//   TARGET: image | onnx | checkpoint
//   MODE:   afl (under afl-fuzz) | libfuzzer (under libfuzzer-dotnet) | seeds DIR | replay FILE...
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: MLNet.Stripformer.Fuzz image|onnx|checkpoint afl|libfuzzer|seeds DIR|replay FILE...");
    return 2;
}

// Targets are built lazily: under afl-fuzz no instrumented code may run before Fuzzer.OutOfProcess.Run starts.
Func<IFuzzTarget>? create = args[0] switch
{
    "image" => () => new ImageTarget(),
    "onnx" => () => new OnnxModelTarget(),
    "checkpoint" => () => new CheckpointTarget(),
    _ => null,
};
if (create is null)
{
    Console.Error.WriteLine($"error: unknown target '{args[0]}' (image, onnx or checkpoint).");
    return 2;
}

switch (args[1])
{
    case "afl":
        IFuzzTarget? target = null;
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            (target ??= create()).Run(buffer.ToArray());
        });
        return 0;
    case "libfuzzer":
        IFuzzTarget? libFuzzerTarget = null;
        Fuzzer.LibFuzzer.Run(span => (libFuzzerTarget ??= create()).Run(span.ToArray()));
        return 0;
    case "seeds" when args.Length == 3:
        Directory.CreateDirectory(args[2]);
        create().WriteSeeds(args[2]);
        return 0;
    case "replay" when args.Length > 2:
        return Replay.Files(create(), args[2..]);
    default:
        Console.Error.WriteLine($"error: unknown mode '{args[1]}' (afl, libfuzzer, seeds DIR, replay FILE...).");
        return 2;
}

