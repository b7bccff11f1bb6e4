using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Cli;

/// <summary>
/// Turns a command's INPUT and OUTPUT into (input file, output file) jobs. INPUT is a file or a directory (every
/// image in it); OUTPUT is a file (one input, one result) or a directory. Output names come from the input's file
/// name only (base name plus suffix, <c>.png</c>), so nothing is ever written outside the output directory.
/// </summary>
internal sealed record ImageJobPlan(IReadOnlyList<ImageJob> Jobs)
{
    public static ImageJobPlan Create(string input, string output, IReadOnlyList<string> suffixes)
    {
        bool inputIsDirectory = Directory.Exists(input);
        if (!inputIsDirectory && !File.Exists(input))
        {
            throw new FileNotFoundException($"The input '{input}' is neither a file nor a directory.");
        }

        var files = inputIsDirectory ? ImageFiles.InDirectory(input) : [input];
        if (files.Count == 0)
        {
            throw new ArgumentException($"The input directory '{input}' holds no image files.");
        }

        bool outputIsFile = !inputIsDirectory && suffixes.Count == 1 && !Directory.Exists(output) && ImageFiles.HasImageExtension(output);
        if (!inputIsDirectory && suffixes.Count == 1 && !outputIsFile && File.Exists(output))
        {
            throw new ArgumentException($"The output '{output}' is an existing file without an image extension.");
        }

        var jobs = new List<ImageJob>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            foreach (string suffix in suffixes)
            {
                string target = outputIsFile ? output : Path.Combine(output, Path.GetFileNameWithoutExtension(file) + suffix + ".png");
                if (seen.TryGetValue(target, out string? other))
                {
                    throw new ArgumentException($"'{other}' and '{file}' would both be written to '{target}'; rename one of them.");
                }

                seen[target] = file;
                jobs.Add(new ImageJob(file, target, suffix));
            }
        }

        return new ImageJobPlan(jobs);
    }
}

/// <summary>One image to process.</summary>
internal sealed record ImageJob(string Input, string Output, string Suffix);
