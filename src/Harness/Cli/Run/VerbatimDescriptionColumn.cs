using Harness.Results;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Harness.Cli.Run;

/// <summary>
/// The description column of the live run view. Spectre's <see cref="TaskDescriptionColumn"/> reads the description
/// as markup, so a scenario named <c>:rocket:</c> would show an emoji; this one prints it verbatim, coloured by the
/// scenario's status once it has finished.
/// </summary>
internal sealed class VerbatimDescriptionColumn : ProgressColumn
{
    private const string FinishedKey = "harness.finished";
    private const string StatusKey = "harness.status";

    /// <summary>Colours <paramref name="task"/>'s description by <paramref name="status"/> from now on.</summary>
    public static void Finish(ProgressTask task, ScenarioStatus status)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.State.Update<ScenarioStatus>(StatusKey, _ => status);
        task.State.Update<bool>(FinishedKey, _ => true);
    }

    /// <inheritdoc />
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        var style = task.State.Get<bool>(FinishedKey) ? Style.Parse(RunConsole.Colour(task.State.Get<ScenarioStatus>(StatusKey))) : Style.Plain;
        return new Text(task.Description, style) { Overflow = Overflow.Ellipsis, Justification = Justify.Left };
    }
}
