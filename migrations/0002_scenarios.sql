-- Shared scenarios (short links) and the per-client creation counters behind HTTP 429.
-- Rows are never updated: an id names one content forever, so responses can be cached immutably.
-- content_key is the hex SHA-256 of the share's identity (canonical scenario JSON, title, note);
-- the id is a prefix of its base62 digits, extended on collision (functions/_lib/ids.ts).
CREATE TABLE IF NOT EXISTS scenarios (
  id TEXT NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 10 AND 22),
  content_key TEXT NOT NULL CHECK (length(content_key) = 64),
  schema_version INTEGER NOT NULL,
  scenario TEXT NOT NULL,
  title TEXT CHECK (title IS NULL OR length(title) <= 80),
  note TEXT CHECK (note IS NULL OR length(note) <= 280),
  created_at TEXT NOT NULL
) STRICT;

-- client is the hex SHA-256 of a secret salt and the client address: no address is stored.
-- window_start is the start of a fixed window in Unix seconds.
CREATE TABLE IF NOT EXISTS creation_counts (
  client TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (client, window_start)
) STRICT, WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS creation_counts_by_window ON creation_counts (window_start);
