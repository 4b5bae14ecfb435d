"""Numbered schema migrations. Append new ones; never edit a released one."""

from __future__ import annotations

M001_INITIAL = """
CREATE TABLE books (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    author TEXT,
    source_format TEXT NOT NULL,
    weread_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE sources (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    source_format TEXT NOT NULL,
    books TEXT NOT NULL,            -- JSON list of book ids found in the file
    highlights INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    book_id TEXT NOT NULL REFERENCES books(id),
    scope TEXT NOT NULL,            -- 'chapter' or 'book'
    chapter TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    created_at TEXT,
    source_file TEXT,
    removed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE highlights (
    id TEXT PRIMARY KEY,
    book_id TEXT NOT NULL REFERENCES books(id),
    chapter TEXT NOT NULL DEFAULT '',
    chapter_path TEXT NOT NULL DEFAULT '[]',
    chapter_level INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'text',
    language TEXT,
    text TEXT NOT NULL,
    note TEXT,
    created_at TEXT,
    source_file TEXT,
    content_hash TEXT NOT NULL,
    junk INTEGER NOT NULL DEFAULT 0,
    removed INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX highlights_book ON highlights(book_id, position);
CREATE TABLE cards (
    id TEXT PRIMARY KEY,            -- <highlight id>:<kind>:<ordinal>, stable across imports
    highlight_id TEXT NOT NULL REFERENCES highlights(id),
    book_id TEXT NOT NULL REFERENCES books(id),
    kind TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    front TEXT NOT NULL,
    back TEXT NOT NULL,
    answer TEXT,
    exercise_id TEXT,
    exercise_score REAL,
    state INTEGER NOT NULL DEFAULT 0,   -- 0 new, 1 learning, 2 review, 3 relearning
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due TEXT,                           -- UTC, YYYY-MM-DDTHH:MM:SSZ, NULL for new cards
    last_review TEXT,
    reps INTEGER NOT NULL DEFAULT 0,
    lapses INTEGER NOT NULL DEFAULT 0,
    suspended INTEGER NOT NULL DEFAULT 0,
    suspend_reason TEXT,                -- 'user', 'removed', 'leech'
    buried_until TEXT,
    flag INTEGER NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX cards_highlight ON cards(highlight_id);
CREATE INDEX cards_queue ON cards(suspended, state, due);
CREATE TABLE review_log (
    id INTEGER PRIMARY KEY,
    card_id TEXT NOT NULL REFERENCES cards(id),
    rating INTEGER NOT NULL,            -- 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at TEXT NOT NULL,
    duration_ms INTEGER,
    state_before TEXT NOT NULL,         -- JSON of the card's scheduling fields
    state_after TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'review'
);
CREATE INDEX review_log_card ON review_log(card_id, reviewed_at);
CREATE INDEX review_log_time ON review_log(reviewed_at);
"""

M002_EXERCISES = """
CREATE TABLE exercise_attempts (
    id INTEGER PRIMARY KEY,
    exercise_id TEXT NOT NULL,
    status TEXT NOT NULL,               -- pass, fail, error, timeout
    checked_at TEXT NOT NULL,
    seconds REAL,
    device TEXT
);
CREATE INDEX exercise_attempts_id ON exercise_attempts(exercise_id, checked_at);
CREATE TABLE exercise_progress (
    exercise_id TEXT PRIMARY KEY,
    hints_shown INTEGER NOT NULL DEFAULT 0,
    first_passed_at TEXT,
    last_status TEXT,
    last_checked_at TEXT
);
"""

M003_QUEUE_INDEXES = """
CREATE INDEX cards_new ON cards(suspended, state) WHERE state = 0;
CREATE INDEX cards_buried ON cards(buried_until) WHERE buried_until IS NOT NULL;
"""

M004_EXERCISE_SCHEDULE = """
CREATE TABLE exercise_schedule (      -- passed exercises come back to be solved again (FSRS)
    exercise_id TEXT PRIMARY KEY,
    state INTEGER NOT NULL,
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due TEXT,
    last_review TEXT,
    reps INTEGER NOT NULL DEFAULT 0,
    lapses INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX exercise_schedule_due ON exercise_schedule(due);
"""

M005_CARD_EDITS = """
CREATE TABLE card_edits (           -- what the reader did to a card by hand
    card_id TEXT PRIMARY KEY REFERENCES cards(id),
    edited_at TEXT,                 -- edited its text: imports leave the card as it is
    deleted_at TEXT                 -- deleted it: also suspended with reason 'deleted';
                                    -- its review log stays
);
"""

# Full-text search over the cards' text for `studykit cards --query`. The trigram tokenizer
# indexes every run of three characters, so any substring of three or more characters
# matches, Chinese included (no word segmentation needed); shorter queries fall back to
# LIKE. External content (the text stays in `cards` only), so `sqlite-utils search` and
# `sqlite-utils rebuild-fts` work on a deck. Edits and deletes reach the index through
# triggers; new cards are indexed in one statement after a bulk insert (deck.fts), which
# costs an import far less than a trigger per row. The index holds exactly the cards whose
# rowid is at most its highest indexed rowid, so the triggers touch only those.
M006_CARDS_FTS = """
CREATE VIRTUAL TABLE cards_fts USING FTS5 (front, back, tokenize='trigram', content=[cards]);
INSERT INTO cards_fts (cards_fts) VALUES ('rebuild');
CREATE TRIGGER cards_ad AFTER DELETE ON cards
WHEN old.rowid <= (SELECT COALESCE(MAX(id), 0) FROM cards_fts_docsize) BEGIN
  INSERT INTO cards_fts (cards_fts, rowid, front, back)
    VALUES ('delete', old.rowid, old.front, old.back);
END;
CREATE TRIGGER cards_au AFTER UPDATE OF front, back ON cards
WHEN old.rowid <= (SELECT COALESCE(MAX(id), 0) FROM cards_fts_docsize) BEGIN
  INSERT INTO cards_fts (cards_fts, rowid, front, back)
    VALUES ('delete', old.rowid, old.front, old.back);
  INSERT INTO cards_fts (rowid, front, back) VALUES (new.rowid, new.front, new.back);
END;
"""

# The search index gathers new terms in memory up to ``hashsize`` bytes before it writes a
# segment (1 MB by default, SQLite's docs: "The 'hashsize' configuration option"). An
# import indexes its cards in batches of 10,000 (importer.INDEX_EVERY); at 1 MB each batch
# wrote many small segments and merged them again, ~0.8 s of CPU per 50,000 highlights
# against ~0.6 s at 16 MB (5% of the first import's wall time). The value is stored in the
# index's config table, so it holds for every later write.
M007_CARDS_FTS_HASHSIZE = """
INSERT INTO cards_fts (cards_fts, rank) VALUES ('hashsize', 16777216);
"""

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "initial", M001_INITIAL),
    (2, "exercises", M002_EXERCISES),
    (3, "queue_indexes", M003_QUEUE_INDEXES),
    (4, "exercise_schedule", M004_EXERCISE_SCHEDULE),
    (5, "card_edits", M005_CARD_EDITS),
    (6, "cards_fts", M006_CARDS_FTS),
    (7, "cards_fts_hashsize", M007_CARDS_FTS_HASHSIZE),
]

LATEST = MIGRATIONS[-1][0]
