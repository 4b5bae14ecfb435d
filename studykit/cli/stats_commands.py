"""stats, optimize, config."""


import json
from datetime import date, timedelta

import typer

from studykit.cli import DbPath, app, deck_path

FORECAST_HEIGHT = 8  # rows of the forecast bar chart
BLOCKS = " ▁▂▃▄▅▆▇█"
HEAT = (("·", "grey30"), ("░", "#0e4429"), ("▒", "#006d32"), ("▓", "#26a641"), ("█", "#39d353"))
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


@app.command("stats")
def stats_command(
    ctx: typer.Context,
    db: DbPath = None,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Counts by state, what falls due, true retention and a calendar of your reviews."""
    from studykit.config import load_config
    from studykit.deck import Deck, utc_now
    from studykit.stats import compute_stats

    config = load_config()
    with Deck(deck_path(ctx, db)) as deck:
        stats = compute_stats(deck.conn, utc_now(), config)
    if as_json:
        typer.echo(json.dumps(stats, indent=2))
        return
    _render_stats(stats)


@app.command("optimize")
def optimize_command(ctx: typer.Context, db: DbPath = None) -> None:
    """Fit the FSRS parameters to your own review history (needs a few hundred reviews)."""
    from studykit.config import config_path, load_config
    from studykit.deck import Deck
    from studykit.optimize import optimize

    config = load_config()
    with Deck(deck_path(ctx, db)) as deck, _LazyProgress("Optimizing") as progress:
        result = optimize(deck.conn, config, progress=progress.update)
    if not result["optimized"]:
        typer.echo(f"Parameters unchanged: {result['reason']}.")
        return
    typer.echo(f"Log loss on your {result['reviews']} reviews: "
               f"{result['loss_before']:.4f} before, {result['loss_after']:.4f} after.")
    if result["saved"]:
        typer.echo(f"Saved the new parameters to {config_path()} (fsrs_parameters).")
    else:
        typer.echo(f"Kept the current parameters: {result['reason']}.")


@app.command("config")
def config_command(
    key: str | None = typer.Argument(None, help="A setting's name; leave out to list them all."),
    value: list[str] | None = typer.Argument(None, help="A new value to validate and save."),
) -> None:
    """Show the settings, show one, or change one: studykit config desired_retention 0.85."""
    from studykit.config import VALIDATORS, load_config, save_setting, validate

    if key is None:
        _list_settings(load_config())
    elif not value:
        if key not in VALIDATORS:
            validate(key, None)  # raises the "unknown setting" error, with the known ones
        typer.echo(_format_value(getattr(load_config(), key)))
    else:
        updated = save_setting(key, " ".join(value))
        typer.echo(f"{key} = {_format_value(getattr(updated, key))}")


class _LazyProgress:
    """A rich progress bar that appears only once there is progress to show."""

    def __init__(self, description: str) -> None:
        self.description = description
        self.bar = self.task = None

    def __enter__(self) -> "_LazyProgress":
        return self

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(transient=True, console=Console(stderr=True))
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=total)
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _list_settings(config) -> None:
    from dataclasses import fields

    from studykit.config import VALIDATORS, config_path

    width = max(len(name) for name in VALIDATORS)
    for f in fields(config):
        current = getattr(config, f.name)
        marker = "" if current == f.default or current == () else "  (changed)"
        typer.echo(f"{f.name:<{width}}  {_format_value(current) or '(FSRS defaults)'}{marker}")
        typer.echo(f"{'':<{width}}  allowed: {VALIDATORS[f.name].allowed}")
    typer.echo(f"\nfile: {config_path()}")


def _format_value(value) -> str:
    """A value as it would be typed back to ``studykit config KEY VALUE``."""
    if isinstance(value, tuple):
        return " ".join(str(v) for v in value)
    return str(value)


# -- rendering ------------------------------------------------------------------------

def _render_stats(stats: dict) -> None:
    from rich.console import Console

    console = Console(highlight=False)
    cards = stats["cards"]
    console.print("[bold]Cards[/]  " + " · ".join(f"{name} {n:,}" for name, n in cards.items()))
    console.print(f"[bold]Due[/]    today {stats['due_today']:,} · tomorrow "
                  f"{stats['due_tomorrow']:,} · answered today {stats['reviews_today']:,} · "
                  f"streak {stats['streak']} day{'s' if stats['streak'] != 1 else ''}")
    console.print("\n[bold]Due in the next 30 days[/]")
    if any(stats["forecast"]):
        wide = console.width >= 2 * len(stats["forecast"]) + 12
        for line in _forecast_lines(stats["forecast"], per_day=2 if wide else 1):
            console.print(line, no_wrap=True, overflow="crop")
    else:
        console.print("nothing")
    console.print("\n[bold]Reviews in the last six months[/]")
    for line in _heatmap_lines(stats["heatmap"], date.fromisoformat(stats["today"])):
        console.print(line, no_wrap=True, overflow="crop")
    console.print("\n[bold]True retention[/] (first answer of a review card each day)")
    console.print(_retention_table(stats["true_retention"]))


def _forecast_lines(counts: list[int], height: int = FORECAST_HEIGHT, per_day: int = 2
                   ) -> list[str]:
    """A vertical bar chart, ``per_day`` columns a day, eighth-block resolution."""
    top = max(counts) or 1
    label, width = len(f"{top:,}"), per_day * len(counts)
    eighths = [round(n / top * height * 8) if n else 0 for n in counts]
    lines = []
    for row in range(height, 0, -1):
        cells = "".join(BLOCKS[max(0, min(8, e - (row - 1) * 8))] * per_day for e in eighths)
        axis = f"{top:,}" if row == height else ""
        lines.append(f"{axis:>{label}} │[cyan]{cells}[/]")
    lines.append(f"{'0':>{label}} └{'─' * width}")
    lines.append(f"{'':>{label}}  today{'+' + str(len(counts) - 1) + 'd':>{width - 5}}")
    return lines


def _heatmap_lines(heatmap: dict[str, int], today: date, days: int = 183) -> list[str]:
    """A GitHub-style calendar: a column per week (Monday first), a row per weekday."""
    first = today - timedelta(days=days - 1)
    start = first - timedelta(days=first.weekday())
    weeks = (today - start).days // 7 + 1
    levels = _heat_levels(list(heatmap.values()))
    rows = []
    for weekday in range(7):
        cells = []
        for week in range(weeks):
            day = start + timedelta(days=week * 7 + weekday)
            if day < first or day > today:
                cells.append("  ")
                continue
            glyph, colour = HEAT[levels(heatmap.get(day.isoformat(), 0))]
            cells.append(f"[{colour}]{glyph}[/] ")
        rows.append(f"{WEEKDAYS[weekday]:<4}{''.join(cells)}")
    less_more = " ".join(f"[{c}]{g}[/]" for g, c in HEAT)
    return [_month_row(start, weeks), *rows, f"{'':<4}less {less_more} more"]


def _month_row(start: date, weeks: int) -> str:
    row = [" "] * (weeks * 2 + 4)
    for week in range(weeks):
        monday = start + timedelta(days=7 * week)
        if monday.day <= 7:
            name = monday.strftime("%b")
            row[4 + 2 * week:4 + 2 * week + len(name)] = name  # may run past the grid
    return "".join(row).rstrip()


def _heat_levels(counts: list[int]):
    """Map a day's count to a shade 0-4 by quartiles of the days with answers."""
    ordered = sorted(n for n in counts if n)
    if not ordered:
        return lambda n: 0
    cuts = [ordered[min(len(ordered) - 1, len(ordered) * k // 4)] for k in (1, 2, 3)]

    def level(n: int) -> int:
        return 0 if n == 0 else 1 + sum(n > c for c in cuts)
    return level


def _retention_table(retention: dict):
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE)
    table.add_column("", no_wrap=True)
    windows = {"today": "today", "7d": "7 days", "30d": "30 days"}
    for title in windows.values():
        table.add_column(title, justify="right", no_wrap=True)
    for kind, title in (("young", "young (< 21 d)"), ("mature", "mature"), ("all", "all")):
        table.add_row(title, *(_rate_cell(retention[w][kind]) for w in windows))
    return table


def _rate_cell(tally: dict) -> str:
    if tally["rate"] is None:
        return "—"
    total = tally["pass"] + tally["fail"]
    return f"{tally['rate']:.1%} ({tally['pass']}/{total})"
