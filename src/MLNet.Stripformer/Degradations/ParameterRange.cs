using System.Globalization;

namespace MLNet.Stripformer.Degradations;

/// <summary>A closed range a degradation's strength is drawn from, uniformly.</summary>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
internal readonly record struct ParameterRange(double Min, double Max)
{
    public string Spec => Min == Max ? Format(Min) : $"{Format(Min)}-{Format(Max)}";

    public static ParameterRange Parse(string text, string spec)
    {
        string[] bounds = text.Split('-');
        if (bounds.Length is < 1 or > 2 || bounds.Any(b => !double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"'{spec}': '{text}' is not a number or a range MIN-MAX.");
        }

        double min = double.Parse(bounds[0], CultureInfo.InvariantCulture);
        double max = bounds.Length == 2 ? double.Parse(bounds[1], CultureInfo.InvariantCulture) : min;
        return new ParameterRange(min, max);
    }

    /// <summary>Throws a <see cref="FormatException"/> naming the spec unless the range is ordered and within bounds.</summary>
    public ParameterRange Require(double lowest, double highest, string spec, string what) =>
        double.IsFinite(Min) && double.IsFinite(Max) && Min <= Max && Min >= lowest && Max <= highest
            ? this
            : throw new FormatException($"'{spec}': the {what} must be a range MIN-MAX with {Format(lowest)} <= MIN <= MAX <= {Format(highest)}.");

    public double Draw(Random random) => Min + ((Max - Min) * random.NextDouble());

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
