-- One schema for SQLite and PostgreSQL: only types and statements both understand.

-- What each reader holds: a row per selected reaction (deselecting deletes it).
CREATE TABLE reader_reactions (
    reader TEXT NOT NULL,
    article_id TEXT NOT NULL,
    reaction TEXT NOT NULL,
    PRIMARY KEY (reader, article_id, reaction)
);

-- The totals, moved in the same transaction as the reader's row, so reading them is one
-- indexed lookup and they always equal the number of reader rows.
CREATE TABLE reaction_counts (
    article_id TEXT NOT NULL,
    reaction TEXT NOT NULL,
    n BIGINT NOT NULL CHECK (n >= 0),
    PRIMARY KEY (article_id, reaction)
);

-- Applied Idempotency-Keys, with the change, its reader and the reply sent, so that a retry
-- whose reply was lost is answered as the first request was.
CREATE TABLE idempotency_keys (
    idem_key TEXT PRIMARY KEY,
    reader TEXT NOT NULL,
    article_id TEXT NOT NULL,
    reaction TEXT NOT NULL,
    selected BIGINT NOT NULL,
    reply TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
