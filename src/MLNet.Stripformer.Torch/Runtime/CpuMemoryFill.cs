namespace MLNet.Stripformer.Torch.Runtime;

/// <summary>
/// What libtorch writes into every new CPU tensor allocation before handing it out (libc10's allocator flags).
/// Correct code never reads memory it did not write, so <see cref="Junk"/> changes no correct result: it is the
/// diagnostic that makes a read of uninitialised memory show up as NaN every time instead of now and then.
/// </summary>
public enum CpuMemoryFill
{
    /// <summary>Nothing: libtorch's default.</summary>
    None,

    /// <summary>Zeros (<c>caffe2_cpu_allocator_do_zero_fill</c>): a global safeguard, at the cost of writing every allocation once.</summary>
    Zero,

    /// <summary>A NaN pattern (<c>caffe2_cpu_allocator_do_junk_fill</c>): makes reads of uninitialised memory visible.</summary>
    Junk,
}
