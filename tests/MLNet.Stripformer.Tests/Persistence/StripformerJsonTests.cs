using System.Text.Json;
using MLNet.Stripformer.Persistence;

namespace MLNet.Stripformer.Tests.Persistence;

public class StripformerJsonTests
{
    private sealed record Metrics(double Psnr, double Worst, double Ssim, double? Best, DayOfWeek Day);

    [Fact]
    public void Infinite_and_nan_values_are_written_as_named_literals_and_read_back()
    {
        var metrics = new Metrics(double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.PositiveInfinity, DayOfWeek.Monday);

        string json = JsonSerializer.Serialize(metrics, StripformerJson.Options);
        var back = JsonSerializer.Deserialize<Metrics>(json, StripformerJson.Options)!;

        Assert.Contains("\"Psnr\": \"Infinity\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Worst\": \"-Infinity\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Ssim\": \"NaN\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Day\": \"Monday\"", json, StringComparison.Ordinal);
        Assert.Equal(metrics.Psnr, back.Psnr);
        Assert.Equal(metrics.Worst, back.Worst);
        Assert.True(double.IsNaN(back.Ssim));
        Assert.Equal(metrics.Best, back.Best);
        Assert.Equal(metrics.Day, back.Day);
    }

    [Fact]
    public void Finite_numbers_stay_plain_json_numbers_and_names_read_in_any_case()
    {
        var back = JsonSerializer.Deserialize<Metrics>("{\"psnr\": 31.5, \"WORST\": 2, \"ssim\": 0.9, \"best\": null, \"day\": 1}", StripformerJson.Options)!;
        Assert.Equal(new Metrics(31.5, 2, 0.9, null, DayOfWeek.Monday), back);
        Assert.Contains("\"Psnr\": 31.5", JsonSerializer.Serialize(back, StripformerJson.Options), StringComparison.Ordinal);
    }
}
