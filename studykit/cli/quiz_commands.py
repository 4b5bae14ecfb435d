"""quiz: multiple-choice or typed questions on cloze cards and layer shapes."""



import typer

from studykit.cli import DbPath, app, deck_path

LABELS = "1234"
LETTERS = "abcd"


@app.command("quiz")
def quiz_command(
    ctx: typer.Context,
    db: DbPath = None,
    book: str | None = typer.Option(None, "--book", help="Cloze cards of this book only (id or part of title)."),
    count: int = typer.Option(10, "-n", "--count", min=1, help="Number of questions."),
    kind: str = typer.Option("mixed", "--kind", help="cloze, shape or mixed."),
    typed: bool = typer.Option(False, "--typed", help="Type the answers instead of choosing."),
    seed: int | None = typer.Option(None, "--seed", help="Seed for a reproducible quiz."),
) -> None:
    """Quiz yourself: 1-4 (or a-d) picks an option, q quits; wrong cloze answers come due now."""
    from random import Random

    from rich.console import Console

    from studykit.deck import Deck
    from studykit.quiz import QuizSession, build_quiz

    console = Console(highlight=False)
    with Deck(deck_path(ctx, db)) as deck:
        questions = build_quiz(deck, count=count, kind=kind, book=book, typed=typed,
                               rng=Random(seed))
        session = QuizSession(deck, questions)
        QuizUI(session, console).run()


class QuizUI:
    """Shows the questions one by one; single keys on a terminal, a line each when piped."""

    def __init__(self, session, console, keys=None) -> None:
        from studykit.cli.keys import KeyReader

        self.session, self.console = session, console
        self.keys = keys or KeyReader()

    def run(self) -> None:
        try:
            self._ask_all()
        except KeyboardInterrupt:
            self._summary()  # Ctrl-C: the score so far, then the usual "interrupted"
            raise
        self._summary()

    def _ask_all(self) -> None:
        total = len(self.session.questions)
        for number, question in enumerate(self.session.questions, 1):
            self.console.print(self._panel(question, number, total))
            given = self._typed(question) if not question.options else self._choice(question)
            if given is None:
                return
            self._verdict(self.session.answer(question, given))

    def _choice(self, question) -> str | None:
        """The chosen option's text; None to quit (q, or the end of input)."""
        labels = LABELS[:len(question.options)]
        self.console.print(f"[dim]{labels[0]}-{labels[-1]} to answer · q quits[/]")
        while True:
            key = self.keys.key()
            if key is None or key == "q":
                return None
            key = key.lower()
            for keys in (LABELS, LETTERS):
                if key in keys[:len(question.options)]:
                    return question.options[keys.index(key)]
            self.console.print(f"[dim]press {labels[0]}-{labels[-1]}, or q to quit[/]")

    def _typed(self, question) -> str | None:
        from rich.text import Text

        given = self.keys.line("Your answer (q quits): ")
        if given is None or (given.strip() == "q" and question.answer.strip() != "q"):
            return None
        if not self.keys.tty:
            self.console.print(Text(given))  # piped input is not echoed: keep the transcript
        return given

    def _panel(self, question, number: int, total: int):
        from rich.console import Group
        from rich.panel import Panel
        from rich.text import Text

        from studykit.cli.render import card_text
        from studykit.quiz import BLANK

        text = card_text(question.prompt, question.card_id, self.console, focus=BLANK)
        text.highlight_words([BLANK], style="bold reverse cyan")
        body = [text]
        for label, option in zip(LABELS, question.options, strict=False):
            body.append(Text.assemble((f"  {label}) ", "bold"), option))
        title = Text(f"{number}/{total} · {question.kind}" + (
            f" · {question.source}" if question.kind == "cloze" else ""))
        return Panel(Group(*body), title=title, title_align="left")

    def _verdict(self, result) -> None:
        from rich.text import Text

        if result.correct:
            self.console.print(Text("✓ right", style="green"))
            return
        self.console.print(Text.assemble(("✗ wrong", "red"), " · answer: ",
                                         (result.question.answer, "bold")))
        if result.question.working:
            self.console.print(Text("  worked out layer by layer:", style="dim"))
            for line in result.question.working:
                self.console.print(Text(f"    {line}"))

    def _summary(self) -> None:
        from rich.table import Table
        from rich.text import Text

        right, answered = self.session.score
        self.console.print(Text(f"Score: {right}/{answered}", style="bold"))
        missed = self.session.missed
        if not missed:
            return
        self.console.print("Missed:")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for result in missed:
            prompt = " ".join(result.question.prompt.split())
            grid.add_row("  •", Text.assemble(prompt, " → ", (result.question.answer,
                                                                "bold green")))
        self.console.print(grid)
