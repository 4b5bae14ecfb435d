"""edit, delete: the reader's own changes to cards."""


import typer

from studykit.cli import DbPath, app, deck_path


@app.command("edit")
def edit_command(ctx: typer.Context, card_id: str = typer.Argument(..., help="The card's id."),
                 db: DbPath = None) -> None:
    """Edit a card in $VISUAL/$EDITOR; it keeps its history and imports leave it as edited."""
    from studykit.card_edit import edit_card
    from studykit.deck import Deck

    with Deck(deck_path(ctx, db)) as deck:
        result = edit_card(deck, card_id)
    typer.echo(edit_message(result))


def edit_message(result) -> str:
    """One line saying what an edit did (also shown by ``E`` in review)."""
    resumed = " (from the form you were editing before)" if result.resumed else ""
    if result.status == "saved":
        return f"saved card {result.card_id}{resumed}; its review history is kept"
    if result.status == "cancelled":
        return f"cancelled: every section was empty, card {result.card_id} is unchanged"
    return f"no change to card {result.card_id}"


@app.command("delete")
def delete_command(ctx: typer.Context,
                   card_ids: list[str] = typer.Argument(..., help="Ids of the cards."),
                   db: DbPath = None) -> None:
    """Delete cards: never shown again, kept in the log (`cards --is deleted` lists them)."""
    from studykit.card_edit import delete_cards
    from studykit.cli.render import plural
    from studykit.deck import Deck

    with Deck(deck_path(ctx, db)) as deck:
        deleted = delete_cards(deck, card_ids)
    already = len(set(card_ids)) - deleted
    note = f" ({already} already deleted)" if already else ""
    typer.echo(f"deleted {plural(deleted, 'card')}{note}")


def edit_in_review(session, card, console):
    """``E`` in review: edit the card on screen; a saved card is shown again from its
    front (returned), otherwise review goes on where it was (None)."""
    from rich.text import Text

    from studykit.card_edit import edit_card
    from studykit.deck.review import get_card
    from studykit.errors import StudykitError
    from studykit.review import Card

    try:
        result = edit_card(session.deck, card.id)
    except StudykitError as exc:
        console.print(Text(str(exc), style="red"))
        return None
    console.print(Text(edit_message(result), style="dim"))
    if result.status != "saved":
        return None
    return Card.from_row(get_card(session.deck.conn, card.id), card.queue)
