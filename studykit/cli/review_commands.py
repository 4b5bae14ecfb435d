"""review, cards, suspend, unsuspend, unbury."""



import typer

from studykit.cli import DbPath, app, deck_path
from studykit.cli.deck_commands import print_json

CARD_FILTERS = ("due", "new", "learning", "review", "relearning", "suspended", "leech",
                "flagged", "deleted")


@app.command("review")
def review_command(
    ctx: typer.Context,
    db: DbPath = None,
    book: str | None = typer.Option(None, "--book", help="Only this book (id or part of title)."),
    chapter: str | None = typer.Option(None, "--chapter", help="Only chapters matching this."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Stop after N answers."),
    cram: bool = typer.Option(False, "--cram", help="Review ahead; the schedule is unchanged."),
    new: int = typer.Option(0, "--new", min=0,
                            help="Today only: N new cards beyond the daily new-card limit."),
    typed: bool = typer.Option(False, "--type", help="Type cloze answers; get a diff."),
    with_exercises: bool = typer.Option(False, "--with-exercises",
                                        help="Mix in passed exercises that are due again."),
) -> None:
    """Review due cards: Space reveals, 1-4 grade, u undo, ? help, q quit."""
    from studykit.cli.review_ui import ReviewUI
    from studykit.config import load_config
    from studykit.deck import Deck
    from studykit.deck.review import Filters
    from studykit.review import ReviewSession

    config = load_config()
    with Deck(deck_path(ctx, db)) as deck:
        session = ReviewSession(deck, config, filters=Filters(book=book, chapter=chapter),
                                limit=limit, cram=cram, extra_new=new)
        ReviewUI(session, typed=typed, with_exercises=with_exercises).run()


@app.command("cards")
def cards_command(
    ctx: typer.Context,
    db: DbPath = None,
    book: str | None = typer.Option(None, "--book", help="Book id or part of its title."),
    query: str | None = typer.Option(None, "--query", "-q",
                                     help="Text in front or back (any part of a word)."),
    state: str | None = typer.Option(None, "--is", help=f"One of: {', '.join(CARD_FILTERS)}."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most N cards."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    card_id: str | None = typer.Option(None, "--id", help="Only the card with this id."),
    full: bool = typer.Option(False, "--full", help="Print each card whole, as plain text."),
) -> None:
    """Search and list cards."""
    from studykit.deck import Deck
    from studykit.deck.fts import catch_up
    from studykit.deck.queries import search_cards
    from studykit.errors import StudykitError

    if state and state not in CARD_FILTERS:
        raise StudykitError(f"unknown --is value {state!r}", f"use one of {', '.join(CARD_FILTERS)}")
    with Deck(deck_path(ctx, db)) as deck:
        if query:
            catch_up(deck)  # cards an interrupted import left out of the search index
        cards = (_one_card(deck.conn, card_id) if card_id else
                 search_cards(deck.conn, book=book, query=query, state=state, limit=limit))
    if as_json:
        print_json(cards)
        return
    if full:
        _print_whole(cards)
        return
    from studykit.cli.render import cards_table

    cards_table(cards)


def _one_card(conn, card_id: str) -> list[dict]:
    from studykit.deck.queries import card_by_id
    from studykit.errors import NotFound

    card = card_by_id(conn, card_id)
    if card is None:
        raise NotFound(f"no card with id {card_id}", "find ids with `studykit cards --query TEXT`")
    return [card]


def _print_whole(cards: list[dict]) -> None:
    """Plain text, no table or wrapping: fast for a card of any size (pipe it to less)."""
    for card in cards:
        typer.echo(f"id: {card['id']}\nbook: {card['book']}\nkind: {card['kind']} · "
                   f"state: {card['state']}\n--- front\n{card['front']}\n--- back\n"
                   f"{card['back']}")
        if card["answer"]:
            typer.echo(f"--- answer\n{card['answer']}")
        typer.echo("")


@app.command("suspend")
def suspend_command(ctx: typer.Context, card_ids: list[str] = typer.Argument(...),
                    db: DbPath = None) -> None:
    """Suspend cards by id: they are never shown until unsuspended."""
    _set_suspended(ctx, db, card_ids, True)


@app.command("unsuspend")
def unsuspend_command(ctx: typer.Context, card_ids: list[str] = typer.Argument(...),
                      db: DbPath = None) -> None:
    """Unsuspend cards by id (including leeches)."""
    _set_suspended(ctx, db, card_ids, False)


@app.command("unbury")
def unbury_command(
    ctx: typer.Context,
    book: str | None = typer.Option(None, "--book", help="Only this book (id or part of title)."),
    db: DbPath = None,
) -> None:
    """Bring back the cards buried today (by b in review, or as siblings of an answer)."""
    from studykit.deck import Deck, to_db_time, utc_now
    from studykit.deck import review as sql
    from studykit.deck.review import Filters

    with Deck(deck_path(ctx, db)) as deck:
        filters = Filters(book=book).resolve(deck.conn)
        with deck.transaction() as conn:
            count = sql.unbury(conn, to_db_time(utc_now()), filters)
    typer.echo(f"unburied {count} card{'' if count == 1 else 's'}")


def _set_suspended(ctx, db, card_ids: list[str], suspended: bool) -> None:
    from studykit.deck import Deck
    from studykit.deck import review as sql
    from studykit.errors import NotFound

    with Deck(deck_path(ctx, db)) as deck:
        missing = sorted(set(card_ids) - sql.existing_ids(deck.conn, card_ids))
        if missing:
            raise NotFound(f"no card with id {', '.join(missing)}",
                           "find ids with `studykit cards --query TEXT`")
        with deck.transaction() as conn:
            changed = sql.set_suspended(conn, card_ids, suspended)
    verb = "suspended" if suspended else "unsuspended"
    typer.echo(f"{verb} {changed} card{'' if changed == 1 else 's'}")
