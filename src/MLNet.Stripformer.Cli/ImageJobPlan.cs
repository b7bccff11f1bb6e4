using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Cli;

/// <summary>
/// Turns a command's INPUT and OUTPUT into (input file, output file) jobs. INPUT is a file or a directory (its
/// images; with <see cref="JobSelection.Recursive"/> those of its subdirectories too; with
/// <see cref="JobSelection.FilesFrom"/> the ones a list names); OUTPUT is a file (one input, one result) or a
/// directory, whose tree mirrors INPUT's. Output names come from the input's path below INPUT only (base name plus
/// suffix, <c>.png</c>), so nothing is ever written outside the output directory.
/// </summary>
internal sealed record ImageJobPlan(IReadOnlyList<ImageJob> Jobs, int Skipped)
{
    public static ImageJobPlan Create(string input, string output, IReadOnlyList<string> suffixes, JobSelection? selection = null)
    {
        selection ??= new JobSelection();
        bool inputIsDirectory = Directory.Exists(input);
        if (!inputIsDirectory && !File.Exists(input))
        {
            throw new FileNotFoundException($"The input '{input}' is neither a file nor a directory.");
        }

        if (!inputIsDirectory && (selection.Recursive || selection.FilesFrom is not null))
        {
            throw new ArgumentException($"--recursive and --files-from need a directory as INPUT; '{input}' is a file.");
        }

        var files = !inputIsDirectory ? [input]
            : selection.FilesFrom is { } list ? Listed(input, list)
            : ImageFiles.InDirectory(input, selection.Recursive);
        if (files.Count == 0)
        {
            throw new ArgumentException($"The input directory '{input}' holds no image files{(selection.Recursive ? " (searched recursively)" : string.Empty)}.");
        }

        bool outputIsFile = !inputIsDirectory && suffixes.Count == 1 && !Directory.Exists(output) && ImageFiles.HasImageExtension(output);
        if (!inputIsDirectory && suffixes.Count == 1 && !outputIsFile && File.Exists(output))
        {
            throw new ArgumentException($"The output '{output}' is an existing file without an image extension.");
        }

        var jobs = new List<ImageJob>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        int skipped = 0;
        foreach (string file in files)
        {
            string below = inputIsDirectory ? Path.GetDirectoryName(Path.GetRelativePath(input, file)) ?? string.Empty : string.Empty;
            foreach (string suffix in suffixes)
            {
                string target = outputIsFile ? output : Path.Combine(output, below, Path.GetFileNameWithoutExtension(file) + suffix + ".png");
                if (seen.TryGetValue(target, out string? other))
                {
                    throw new ArgumentException($"'{other}' and '{file}' would both be written to '{target}'; rename one of them.");
                }

                seen[target] = file;
                if (selection.SkipExisting && File.Exists(target))
                {
                    skipped++; // written whole by an earlier run: outputs are only ever renamed into place complete
                    continue;
                }

                jobs.Add(new ImageJob(file, target, suffix));
            }
        }

        return new ImageJobPlan(jobs, skipped);
    }

    /// <summary>The files a list names, one per line (blank lines and lines starting with <c>#</c> skipped), each
    /// relative to <paramref name="root"/> or absolute, and inside it.</summary>
    private static List<string> Listed(string root, string list)
    {
        if (!File.Exists(list))
        {
            throw new FileNotFoundException($"The file list '{list}' does not exist.", list);
        }

        string fullRoot = Path.GetFullPath(root);
        var files = new List<string>();
        int number = 0;
        foreach (string raw in File.ReadLines(list))
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string file = Path.GetFullPath(Path.Combine(fullRoot, line));
            string relative = Path.GetRelativePath(fullRoot, file);
            if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                throw new ArgumentException($"{list}, line {number}: '{line}' is not inside the input directory '{root}'.");
            }

            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{list}, line {number}: '{line}' does not exist in '{root}'.", file);
            }

            files.Add(Path.Combine(root, relative));
        }

        return files;
    }
}

/// <summary>Which images of an input directory a run takes.</summary>
/// <param name="Recursive">Subdirectories too, mirrored under the output directory.</param>
/// <param name="FilesFrom">A list of files to take instead of every image.</param>
/// <param name="SkipExisting">Leave out the images whose output exists.</param>
internal sealed record JobSelection(bool Recursive = false, string? FilesFrom = null, bool SkipExisting = false);

/// <summary>One image to process.</summary>
internal sealed record ImageJob(string Input, string Output, string Suffix);
