using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Tests.Scoring;

public sealed class TilePlanTests
{
    [Theory]
    [InlineData(1024, 512, 32)]
    [InlineData(530, 256, 32)]
    [InlineData(700, 256, 32)]
    [InlineData(37, 16, 4)]
    [InlineData(2127, 512, 0)]
    [InlineData(513, 512, 256)]
    public void Tiles_start_on_the_grid_cover_the_axis_overlap_enough_and_blend_to_one(int length, int tile, int overlap)
    {
        var tiles = TilePlan.Tiles(length, tile, overlap);

        Assert.All(tiles.Starts, start => Assert.Equal(0, start % TilePlan.Grid));
        Assert.Equal(0, tiles.Starts[0]);
        Assert.Equal(length, tiles.Starts[^1] + tiles.Size);
        Assert.True(tiles.Size <= tile + (2 * TilePlan.Grid) - 1, $"tile {tiles.Size} for at most {tile}");
        Assert.All(tiles.Starts.Zip(tiles.Starts.Skip(1)), pair => Assert.True(pair.First + tiles.Size - pair.Second >= overlap));
        var sum = new double[length];
        for (int i = 0; i < tiles.Starts.Length; i++)
        {
            for (int k = 0; k < tiles.Size; k++)
            {
                sum[tiles.Starts[i] + k] += tiles.Weights[i][k];
            }
        }

        Assert.All(sum, s => Assert.Equal(1.0, s, 1e-6));
    }

    [Fact]
    public void One_tile_or_tile_size_zero_runs_the_axis_whole_with_weight_one()
    {
        foreach (var tiles in new[] { TilePlan.Tiles(300, 0, 0), TilePlan.Tiles(300, 512, 32) })
        {
            Assert.Equal([0], tiles.Starts);
            Assert.Equal(300, tiles.Size);
            Assert.All(tiles.Weights[0], w => Assert.Equal(1f, w));
        }
    }

    [Fact]
    public void A_1024_axis_in_tiles_of_512_is_three_tiles_of_368()
    {
        var tiles = TilePlan.Tiles(1024, 512, 32);
        Assert.Equal(368, tiles.Size);
        Assert.Equal([0, 328, 656], tiles.Starts);
    }
}
