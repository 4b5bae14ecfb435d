"""The Anki round trip, checked with Anki's own code (the `anki` package): studykit's
package carries one Cloze note per highlight, the schedule and the review log; Anki answers
a card; Anki's export comes back through `studykit import`, its answer in studykit's review
log and stats, idempotently; notes made in Anki arrive as cards of their own book."""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
from datetime import datetime, timedelta, timezone

import pytest
from conftest import run_cli

from studykit.days import study_day
from studykit.deck import Deck, from_db_time, to_db_time, utc_now

pytest.importorskip("anki")

PASSAGE = "卷积层用卷积核在输入上滑动，输出高度由填充和步幅决定。"
ANSWERS = ("卷积核", "填充", "步幅")
QA_FRONT, QA_BACK = "卷积层的输出高度由什么决定？", "填充和步幅"


def make_deck(db):
    """One book: a highlight with three cloze siblings and a Q&A card, another highlight
    with one cloze card."""
    now = "2026-01-01T00:00:00Z"
    with Deck(db) as deck, deck.transaction() as c:
        c.execute("INSERT INTO books VALUES ('b1', '卷积之书', NULL, 'markdown', NULL, ?, ?)",
                  (now, now))
        for hid, text in (("h1", PASSAGE), ("h2", "池化层没有要学习的参数。")):
            c.execute("INSERT INTO highlights (id, book_id, chapter, position, text, "
                      "content_hash, imported_at, updated_at) VALUES (?, 'b1', '第二章', ?, ?, "
                      "'h', ?, ?)", (hid, int(hid[1]), text, now, now))
        for ordinal, answer in enumerate(ANSWERS, 1):
            _card(c, f"h1:cloze:{ordinal}", "h1", "cloze", ordinal,
                  PASSAGE.replace(answer, "[...]", 1), PASSAGE, answer, now)
        _card(c, "h1:qa:1", "h1", "qa", 1, QA_FRONT, PASSAGE, QA_BACK, now)
        _card(c, "h2:cloze:1", "h2", "cloze", 1, "[...]层没有要学习的参数。",
              "池化层没有要学习的参数。", "池化", now)


def _card(c, card_id, hid, kind, ordinal, front, back, answer, now):
    c.execute("INSERT INTO cards (id, highlight_id, book_id, kind, ordinal, front, back, answer, "
              "created_at, updated_at) VALUES (?, ?, 'b1', ?, ?, ?, ?, ?, ?, ?)",
              (card_id, hid, kind, ordinal, front, back, answer, now, now))


def rows(db, sql, *args):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "deck.db"
    make_deck(path)
    # real answers through the CLI: h1:cloze:1 Easy (a review card due in days; its two
    # siblings buried), h1:qa is buried too, so h2:cloze:1 comes next: Good (learning).
    out = run_cli("review", "--db", str(path), input=" \n4\n \n3\n")
    assert out.returncode == 0, out.stderr
    return path


@pytest.fixture
def collection(tmp_path):
    from anki.collection import Collection

    folder = tmp_path / "anki"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    col.set_config("fsrs", True)
    yield col
    col.close()


def import_into_anki(col, path):
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    options = ImportAnkiPackageOptions(with_scheduling=True)
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path),
                                                            options=options)).log


def export_from_anki(col, path, legacy=False):
    from anki.collection import ExportAnkiPackageOptions

    col.export_anki_package(out_path=str(path), limit=None, options=ExportAnkiPackageOptions(
        with_scheduling=True, with_media=False, legacy=legacy))


def export(db, target):
    out = run_cli("export", "anki", "--db", str(db), "-o", str(target))
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_package_has_one_cloze_note_per_highlight_and_the_schedule(db, collection, tmp_path):
    assert export(db, tmp_path / "deck.apkg") == (
        f"wrote {tmp_path / 'deck.apkg'}: 3 notes (2 cloze, 1 basic) with 5 cards and "
        "2 logged reviews in 1 deck; left out 0 suspended cards and 0 cards of removed "
        "highlights\n")
    import_into_anki(collection, tmp_path / "deck.apkg")
    texts = sorted(collection.get_note(n)["Text"] for n in collection.find_notes(
        "note:studykit*Cloze"))
    assert texts == ["{{c1::池化}}层没有要学习的参数。",
                     "卷积层用{{c1::卷积核}}在输入上滑动，输出高度由{{c2::填充}}和{{c3::步幅}}决定。"]
    by_id = {c: collection.get_card(c) for c in collection.find_cards("")}
    cards = {(dict(card.note().items()).get("Text", "qa"), card.ord): card
             for card in by_id.values()}
    easy = cards[(texts[1], 0)]
    (due, stability, difficulty), = rows(
        db, "SELECT due, stability, difficulty FROM cards WHERE id = 'h1:cloze:1'")
    days = (study_day(from_db_time(due), None, 4) - study_day(utc_now(), None, 4)).days
    assert days >= 3  # Easy on a new card: days away, counted in the learner's study days
    assert (easy.type, easy.queue, easy.due - collection.sched.today) == (2, 2, days)
    assert easy.memory_state.stability == pytest.approx(stability, abs=1e-3)
    assert easy.memory_state.difficulty == pytest.approx(difficulty, abs=1e-3)
    learning = cards[(texts[0], 0)]
    assert (learning.type, learning.queue) == (1, 1)
    assert learning.due == int(datetime.fromisoformat(rows(
        db, "SELECT due FROM cards WHERE id = 'h2:cloze:1'")[0][0].replace("Z", "+00:00"))
        .timestamp())
    assert [(cards[(texts[1], o)].type) for o in (1, 2)] == [0, 0]
    revlog = collection.db.all("SELECT cid, ease, type FROM revlog ORDER BY id")
    assert revlog == [[easy.id, 4, 0], [learning.id, 3, 0]]


def test_an_answer_given_in_anki_comes_back_once(db, collection, tmp_path):
    export(db, tmp_path / "deck.apkg")
    import_into_anki(collection, tmp_path / "deck.apkg")
    note = collection.get_note(collection.find_notes('"note:studykit Cloze" 卷积核')[0])
    second = next(c for c in note.cards() if c.ord == 1)  # 填充: h1:cloze:2, still new
    second.start_timer()
    collection.sched.answerCard(second, 3)
    answered_at = collection.db.scalar("SELECT id FROM revlog WHERE cid = ?", second.id)
    for legacy in (False, True):
        export_from_anki(collection, tmp_path / f"back{legacy}.apkg", legacy=legacy)
    assert "collection.anki21b" in zipfile.ZipFile(tmp_path / "backFalse.apkg").namelist()
    before = rows(db, "SELECT * FROM review_log ORDER BY id")

    out = run_cli("import", "--db", str(db), str(tmp_path / "backFalse.apkg"), "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert (report["reviews"], report["cards"]["new"], report["highlights"]["unchanged"]) == (
        1, 0, 3)
    after = rows(db, "SELECT card_id, rating, reviewed_at, source FROM review_log ORDER BY id")
    at = to_db_time(datetime.fromtimestamp(answered_at / 1000, timezone.utc))
    assert after[:len(before)] == [(r[1], r[2], r[3], r[7]) for r in before]
    assert after[len(before):] == [("h1:cloze:2", 3, at, "anki")]
    state, reps = rows(db, "SELECT state, reps FROM cards WHERE id = 'h1:cloze:2'")[0]
    assert (state, reps) == (1, 1)  # replayed: a new card answered Good is learning
    stats = json.loads(run_cli("stats", "--db", str(db), "--json").stdout)
    assert stats["reviews_today"] == 3 and stats["cards"]["learning"] == 2

    for again in ("backTrue.apkg", "backFalse.apkg"):  # legacy format, then the same again
        out = run_cli("import", "--db", str(db), str(tmp_path / again), "--json")
        assert json.loads(out.stdout)["reviews"] == 0, out.stdout
    assert len(rows(db, "SELECT * FROM review_log")) == len(after)
    assert rows(db, "SELECT COUNT(*) FROM cards") == [(5,)]


def test_notes_made_in_anki_become_cards_of_their_own_book(db, collection, tmp_path):
    from anki.decks import DeckId

    deck_id = collection.decks.id("外文::优化器")
    basic = collection.new_note(collection.models.by_name("Basic"))
    basic["Front"], basic["Back"] = "What does <b>Adam</b> keep?", "Moving averages&nbsp;of g"
    collection.add_note(basic, DeckId(deck_id))
    cloze = collection.new_note(collection.models.by_name("Cloze"))
    cloze["Text"] = "{{c1::Adam}} = momentum + {{c2::RMSProp::an optimizer}}"
    collection.add_note(cloze, DeckId(deck_id))
    card = next(c for c in cloze.cards() if c.ord == 1)
    card.start_timer()
    collection.sched.answerCard(card, 1)
    collection.export_collection_package(out_path=str(tmp_path / "all.colpkg"),
                                         include_media=False, legacy=False)
    out = run_cli("import", "--db", str(db), str(tmp_path / "all.colpkg"), "--json")
    report = json.loads(out.stdout)
    assert (report["highlights"]["new"], report["cards"]["new"], report["reviews"]) == (2, 3, 1)
    books = rows(db, "SELECT title, source_format FROM books WHERE id LIKE 'anki-%'")
    assert books == [("外文::优化器", "anki")]
    cards = rows(db, "SELECT kind, front, back, answer, state FROM cards "
                     "WHERE book_id LIKE 'anki-%' ORDER BY id")
    assert sorted(cards) == [
        ("basic", "What does Adam keep?", "Moving averages of g", None, 0),
        ("cloze", "Adam = momentum + [...]", "Adam = momentum + RMSProp", "RMSProp", 1),
        ("cloze", "[...] = momentum + RMSProp", "Adam = momentum + RMSProp", "Adam", 0)]
    again = json.loads(run_cli("import", "--db", str(db), str(tmp_path / "all.colpkg"),
                               "--json").stdout)
    assert (again["highlights"]["new"], again["cards"]["new"], again["reviews"]) == (0, 0, 0)
    found = run_cli("cards", "--db", str(db), "-q", "momentum", "--json")
    assert len(json.loads(found.stdout)) == 2  # new cards reached the search index


def test_export_is_atomic_and_leaves_no_temporary_file(db, tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    export(db, out_dir / "deck.apkg")
    good = (out_dir / "deck.apkg").read_bytes()
    assert sorted(os.listdir(out_dir)) == ["deck.apkg"] and os.listdir(temp) == []

    from studykit.export import anki as exporter

    def broken(*args):
        raise KeyboardInterrupt  # Ctrl-C while the schedule is written

    monkeypatch.setattr("studykit.export.anki_schedule.write_schedule", broken)
    with Deck(db) as deck, pytest.raises(KeyboardInterrupt):
        exporter.export_anki(deck.conn, out_dir / "deck.apkg")
    assert (out_dir / "deck.apkg").read_bytes() == good
    assert sorted(os.listdir(out_dir)) == ["deck.apkg"] and os.listdir(temp) == []


def test_a_package_that_is_not_one_is_a_clean_error(db, tmp_path):
    fake = tmp_path / "fake.apkg"
    fake.write_text("not a zip")
    out = run_cli("import", "--db", str(db), str(fake), str(tmp_path / "none.colpkg"))
    assert out.returncode == 1
    assert f"{fake}: not an Anki package" in out.stdout
    assert "none.colpkg: no such file" in out.stdout
    assert "Traceback" not in out.stderr


def test_day_numbers_follow_the_learners_study_day():
    from studykit.config import Config
    from studykit.export.anki_schedule import PackageDays

    config = Config(timezone="Asia/Shanghai", day_start_hour=4)
    now = datetime(2026, 3, 2, 19, 30, tzinfo=timezone.utc)  # 03:30 on the 3rd in Shanghai
    days = PackageDays(now, config)
    assert days.crt == int(datetime(2026, 3, 1, 20, tzinfo=timezone.utc).timestamp())
    assert days.offset_minutes_west == -480
    assert days.day(now + timedelta(minutes=40)) == 1  # 04:10: the next study day
    assert days.day(now - timedelta(hours=23)) == 0


def test_an_anki_answer_between_two_studykit_answers_is_replayed_in_order(tmp_path,
                                                                          monkeypatch):
    from studykit import anki_import, scheduler
    from studykit.config import Config
    from studykit.export.anki import cloze_guid
    from studykit.review import ReviewSession
    from studykit.scheduler import AGAIN, GOOD, CardState, Settings
    from studykit.sources.anki_package import AnkiCard, AnkiNote, AnkiPackage, AnkiReview

    db = tmp_path / "deck.db"
    make_deck(db)
    t0 = datetime(2026, 3, 2, 10, tzinfo=timezone.utc)
    now = [t0]
    with Deck(db) as deck:
        session = ReviewSession(deck, Config(), clock=lambda: now[0])
        for _ in range(2):  # at t0, then three days later (its learning step is due)
            card = session.next_card()
            assert card.id == "h1:cloze:1"
            session.answer(card, GOOD)
            now[0] = t0 + timedelta(days=3)
    first_log = rows(db, "SELECT * FROM review_log ORDER BY reviewed_at")[0]
    between = t0 + timedelta(days=1)
    package = AnkiPackage(
        notetypes={}, decks={1: "studykit::卷积之书"},
        notes=[AnkiNote(10, cloze_guid("h1"), 99, ("x",), ())],
        cards=[AnkiCard(20, 10, 1, 0, 2)],
        reviews=[AnkiReview(int(between.timestamp() * 1000), 20, AGAIN, 5000, 1)])
    monkeypatch.setattr(anki_import, "read_package", lambda path: package)
    with Deck(db) as deck:
        result = anki_import.import_package(deck, tmp_path / "x.apkg")
    assert (result.matched_notes, result.reviews, result.cards_reviewed) == (1, 1, 1)
    log = rows(db, "SELECT rating, reviewed_at, source, state_before, state_after "
                   "FROM review_log ORDER BY reviewed_at")
    assert [(r[0], r[1], r[2]) for r in log] == [
        (GOOD, to_db_time(t0), "review"), (AGAIN, to_db_time(between), "anki"),
        (GOOD, to_db_time(t0 + timedelta(days=3)), "review")]
    assert rows(db, "SELECT * FROM review_log ORDER BY reviewed_at")[0] == first_log
    settings = Settings.from_config(Config())
    state = CardState()
    for rating, at in ((GOOD, t0), (AGAIN, between), (GOOD, t0 + timedelta(days=3))):
        state = scheduler.review("h1:cloze:1", state, rating, at, settings)
    assert json.loads(log[-1][4]) == state.to_dict()
    assert json.loads(log[-1][3]) == json.loads(log[1][4])  # each row starts where one ends
    (stored,) = rows(db, "SELECT due, reps FROM cards WHERE id = 'h1:cloze:1'")
    assert stored == (to_db_time(state.due), 3)
