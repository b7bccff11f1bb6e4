namespace MLNet.Stripformer.Tests.Support;

/// <summary>Tests that measure the process (resident memory) or load every core run with no other test beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
