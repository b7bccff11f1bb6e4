namespace MLNet.Stripformer.Orleans;

/// <summary>One image to deblur: paths every silo sees (shared storage).</summary>
/// <param name="Input">The blurred image.</param>
/// <param name="Output">The PNG to write.</param>
[GenerateSerializer]
[Alias("MLNet.Stripformer.Orleans.DeblurJob")]
public sealed record DeblurJob([property: Id(0)] string Input, [property: Id(1)] string Output);

/// <summary>What became of a job.</summary>
/// <param name="Job">The job.</param>
/// <param name="Written">True when this call wrote the output; false when it existed already (done before).</param>
/// <param name="Silo">The silo that handled it.</param>
[GenerateSerializer]
[Alias("MLNet.Stripformer.Orleans.DeblurOutcome")]
public sealed record DeblurOutcome([property: Id(0)] DeblurJob Job, [property: Id(1)] bool Written, [property: Id(2)] string Silo);
