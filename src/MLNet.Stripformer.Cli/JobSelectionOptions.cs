using System.CommandLine;

namespace MLNet.Stripformer.Cli;

/// <summary>The options that choose which images of INPUT a run takes (<see cref="JobSelection"/>), defined once for
/// <c>deblur</c> and <c>submit</c>.</summary>
internal sealed class JobSelectionOptions
{
    private readonly Option<bool> _recursive = new("--recursive") { Description = "Take the images of INPUT's subdirectories too; the output tree mirrors INPUT's." };
    private readonly Option<string?> _filesFrom = new("--files-from") { Description = "Take only the images this text file lists, one path per line, relative to INPUT (a directory); '#' starts a comment." };
    private readonly Option<bool> _skipExisting = new("--skip-existing") { Description = "Leave out the images whose output exists (outputs are written whole or not at all, so a rerun after a kill finishes the rest)." };
    private readonly bool _withSkipExisting;

    /// <param name="withSkipExisting">Offer <c>--skip-existing</c> (a cluster's workers skip existing outputs anyway).</param>
    public JobSelectionOptions(bool withSkipExisting) => _withSkipExisting = withSkipExisting;

    public void AddTo(Command command)
    {
        command.Options.Add(_recursive);
        command.Options.Add(_filesFrom);
        if (_withSkipExisting)
        {
            command.Options.Add(_skipExisting);
        }
    }

    public JobSelection Read(ParseResult result) =>
        new(result.GetValue(_recursive), result.GetValue(_filesFrom), _withSkipExisting && result.GetValue(_skipExisting));
}
