namespace MLNet.Stripformer.Torch.Tests.Support;

/// <summary>Tests that measure the process (resident memory) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
