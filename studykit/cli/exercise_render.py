"""rich renderables for exercises: the list, a task, a verdict, progress bars.

Functions named ``*_view`` return a renderable (watch puts them in a rich Live display);
the others print. Ids are never cut at any width: id columns do not wrap, titles do.
"""

from __future__ import annotations

from rich import box
from rich.columns import Columns
from rich.console import Console, Group, RenderableType
from rich.markdown import CodeBlock, Markdown
from rich.padding import Padding
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from studykit.exercises.catalog import Exercise
from studykit.exercises.progress import LinkedCard, Status, Tally
from studykit.exercises.task_markdown import task_markdown

console = Console(highlight=False)

STATUS_MARK = {"pass": "[green]✓ pass[/]", "fail": "[red]✗ fail[/]", "error": "[red]! error[/]",
               "timeout": "[red]⏱ timeout[/]", "started": "[yellow]… started[/]",
               "new": "[dim]· new[/]"}
CARD_TEXT_SHOWN = 2000  # characters of a card's front in `exercise show` (a screenful)


class _TaskBlock(CodeBlock):
    """An indented block of a task (signatures, shape tables, formulas), as it is: every
    line keeps its indentation (two more than the prose), and a line longer than the width
    wraps under its own start instead of under the block's left edge."""

    def __rich_console__(self, console, options):
        for line in str(self.text).rstrip().split("\n"):
            content = line.lstrip(" ")
            yield Padding(Text(content), (0, 0, 0, 2 + len(line) - len(content)))


class TaskMarkdown(Markdown):
    elements = {**Markdown.elements, "fence": _TaskBlock, "code_block": _TaskBlock}


def exercise_list(items: list[Status], topic_tallies: dict[str, Tally],
                  out: Console = console) -> None:
    out.print(list_view(items))
    out.print(Columns([f"{t} {n.passed}/{n.total}" for t, n in topic_tallies.items()],
                      padding=(0, 2)))


def list_view(items: list[Status]) -> Table:
    table = Table(title="Exercises (course order)", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("id", no_wrap=True, min_width=max((len(s.exercise.id) for s in items),
                                                       default=2))
    table.add_column("title", ratio=1, overflow="fold")
    table.add_column("status", no_wrap=True)
    for number, s in enumerate(items, 1):
        table.add_row(str(number), s.exercise.id, s.exercise.title, STATUS_MARK[s.status])
    return table


def task_view(ex: Exercise) -> Panel:
    """The task (the starter's docstring, its layout kept) with what the learner needs to
    know. Indented blocks (signatures, shape tables) come as they are, unwrapped where the
    width allows; prose reflows."""
    about = Text(f"topic {ex.topic} · difficulty {'★' * ex.difficulty} · device {ex.device}"
                 f" · time limit {ex.time_limit:g}s · {len(ex.hints)} hints", style="dim")
    task = task_markdown(ex.prompt()) or "(no description)"
    return Panel(Group(about, TaskMarkdown(task)),
                 title=f"[bold]{ex.id}[/] · {ex.title}", title_align="left",
                 border_style="cyan")


def exercise_page(ex: Exercise, path, cards: list[LinkedCard], out: Console = console) -> None:
    out.print(task_view(ex))
    out.print(f"your file: {path}" if path.exists()
              else f"start it with: studykit exercise start {ex.id}", soft_wrap=True)
    if not cards:
        out.print("No card points here yet.")
        return
    out.print(f"{len(cards)} card{'s' if len(cards) != 1 else ''} point here:")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("card", no_wrap=True)
    table.add_column("state", no_wrap=True)
    table.add_column("front", ratio=1, overflow="fold")
    for card in cards:
        table.add_row(card.id, card.state, _whole_front(card.front))
    out.print(table)


def _whole_front(front: str) -> str:
    if len(front) <= CARD_TEXT_SHOWN:
        return front
    hidden = len(front) - CARD_TEXT_SHOWN
    return f"{front[:CARD_TEXT_SHOWN]}… ({hidden:,} more characters; `studykit export json` has it whole)"


def verdict_view(verdict) -> Group:
    """A Verdict: the mark, every case, the first problem in full, the learner's output."""
    lines: list[RenderableType] = [Text.from_markup(
        f"{STATUS_MARK[verdict.status]}  {verdict.id}  ({verdict.device or '?'}, "
        f"{verdict.seconds or 0:.2f} s)  ") + Text(str(verdict.file))]
    for test in verdict.tests:
        mark = "[green]✓[/]" if test["status"] == "pass" else "[red]✗[/]"
        lines.append(Text.from_markup(f"  {mark} ") + Text(test["name"]))
    problem = verdict.first_problem
    if problem:
        lines.append(Text.from_markup("[bold]first problem[/] ") + Text(f"({problem['name']}):"))
        lines.append(Text(f"  {problem['message']}"))
    if verdict.output:
        lines += [Text("your output:", style="dim"), Text(verdict.output)]
    return Group(*lines)


def verdict_panel(verdict, out: Console = console) -> None:
    out.print(verdict_view(verdict), soft_wrap=False)


def progress_view(topic: str, topic_tally: Tally, catalog: Tally) -> Table:
    """Two bars: the exercise's topic and the whole catalog (passed / total)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(width=24)
    grid.add_column(no_wrap=True)
    for name, tally in ((topic, topic_tally), ("catalog", catalog)):
        grid.add_row(name, ProgressBar(total=max(tally.total, 1), completed=tally.passed,
                                       width=24),
                     f"{tally.passed}/{tally.total} passed")
    return grid
