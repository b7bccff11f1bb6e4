using System.Collections.Concurrent;
using Microsoft.ML;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>
/// Prepares one epoch's batches on a background thread (decode, resize, crop, augment, shuffle) while the network
/// trains on the previous one. The sequence depends only on the seed, the epoch and the data, so a resumed run sees
/// exactly the batches an uninterrupted one would.
/// </summary>
internal sealed class BatchStream : IDisposable
{
    private readonly BlockingCollection<TrainingBatch> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;

    public BatchStream(IDataView data, StripformerTrainerOptions options, int seed, int epoch)
    {
        _queue = new BlockingCollection<TrainingBatch>(options.PrefetchBatches);
        _producer = Task.Factory.StartNew(() => Produce(data, options, seed, epoch), TaskCreationOptions.LongRunning);
    }

    /// <summary>The batches, in order; rethrows the loader's error.</summary>
    public IEnumerable<TrainingBatch> Batches()
    {
        foreach (var batch in _queue.GetConsumingEnumerable())
        {
            yield return batch;
        }

        _producer.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _producer.Wait();
        }
        catch (AggregateException)
        {
            // The consumer is leaving (finished, failed or cancelled); the loader's own error was already surfaced or is moot.
        }

        _queue.Dispose();
        _stop.Dispose();
    }

    public static int EpochSeed(int seed, int epoch) => unchecked((seed * 1_000_003) + epoch);

    private void Produce(IDataView data, StripformerTrainerOptions options, int seed, int epoch)
    {
        try
        {
            var random = new Random(EpochSeed(seed, epoch));
            int bufferSize = Math.Max(4 * options.BatchSize, 32);
            var buffer = new List<TrainingCrop>(bufferSize);
            var batch = new List<TrainingCrop>(options.BatchSize);
            foreach (var pair in PairReader.Read(data, options.BlurredColumnName, options.SharpColumnName, options.ResizeTo))
            {
                for (int i = 0; i < options.CropsPerImage; i++)
                {
                    buffer.Add(CropSampler.Sample(pair, options.CropSize, options.Augment, random));
                    if (buffer.Count == bufferSize)
                    {
                        Take(buffer, batch, random, options.BatchSize);
                    }
                }
            }

            while (buffer.Count > 0)
            {
                Take(buffer, batch, random, options.BatchSize);
            }

            if (batch.Count > 0)
            {
                _queue.Add(TrainingBatch.Of(batch), _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed before the epoch ended.
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }

    private void Take(List<TrainingCrop> buffer, List<TrainingCrop> batch, Random random, int batchSize)
    {
        int index = random.Next(buffer.Count);
        batch.Add(buffer[index]);
        buffer[index] = buffer[^1];
        buffer.RemoveAt(buffer.Count - 1);
        if (batch.Count == batchSize)
        {
            _queue.Add(TrainingBatch.Of(batch), _stop.Token);
            batch.Clear();
        }
    }
}
