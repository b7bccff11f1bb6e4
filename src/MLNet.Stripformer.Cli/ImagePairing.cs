using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Cli;

/// <summary>Pairs images by base name (<c>photo.jpg</c> with <c>photo.png</c>): two files, or two directories.</summary>
internal static class ImagePairing
{
    public static List<(string Reference, string Candidate)> Pair(string reference, string candidate)
    {
        if (File.Exists(reference) && File.Exists(candidate))
        {
            return [(reference, candidate)];
        }

        var references = ImageFiles.InDirectory(reference);
        var candidates = ImageFiles.InDirectory(candidate)
            .GroupBy(f => Path.GetFileNameWithoutExtension(f)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var pairs = new List<(string, string)>();
        foreach (string file in references)
        {
            string name = Path.GetFileNameWithoutExtension(file);
            if (!candidates.TryGetValue(name, out var matches))
            {
                throw new FileNotFoundException($"No candidate image named '{name}.*' in '{candidate}' for the reference '{file}'.");
            }

            if (matches.Count > 1)
            {
                throw new ArgumentException($"Several candidates match the reference '{file}': {string.Join(", ", matches)}.");
            }

            pairs.Add((file, matches[0]));
        }

        return pairs.Count > 0 ? pairs : throw new ArgumentException($"The reference directory '{reference}' holds no image files.");
    }
}
