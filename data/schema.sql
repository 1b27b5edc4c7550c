-- saring database schema, version 4 (PRAGMA user_version).
-- The document table is plain SQL, readable from the sqlite3 shell; the
-- full-text index uses saring's own tokenizer and so needs saring to query.
PRAGMA application_id = 1396789831;  -- 'SARG'

CREATE TABLE doc (
	n         INTEGER PRIMARY KEY,          -- row number, the FTS5 rowid
	id        TEXT NOT NULL UNIQUE,         -- stable id: from the source, or h-<content hash>
	label     TEXT NOT NULL CHECK (label = 'hoax' OR label = 'factcheck' OR label = 'official'),
	rating    TEXT,                         -- rating as published: HOAKS, SALAH, KLARIFIKASI, ...
	title     TEXT,
	claim     TEXT,                         -- the claim as it circulates
	body      TEXT,                         -- article or narrative
	publisher TEXT,
	url       TEXT,
	date      TEXT,                         -- YYYY-MM-DD
	source    TEXT,                         -- corpus name
	hash      TEXT NOT NULL,                -- content hash, to skip unchanged re-imports
	imported  TEXT NOT NULL,                -- time imported, ISO 8601 UTC
	-- the time saring update fetched it, ISO 8601 UTC (NULL: imported from a file)
	fetched_at TEXT
);
CREATE INDEX doc_label ON doc(label);

-- each document's canonical token hashes (uint32 LE, 0 between columns), for
-- re-ranking; a table of its own so the matcher reads them without the text
-- (no foreign key: its check made imports half again as slow; saring deletes both)
CREATE TABLE doc_terms (
	n     INTEGER PRIMARY KEY,
	terms BLOB NOT NULL
);

CREATE VIRTUAL TABLE doc_fts USING fts5(title, claim, body,
	content = 'doc', content_rowid = 'n', tokenize = 'saring');
-- terms pending in memory before FTS5 writes them out as a segment: 16 MiB
-- (not the default 1 MiB) makes a 100,000-document import a third faster;
-- more (64 MiB) was no faster and kept an import over 100 MB of memory
INSERT INTO doc_fts(doc_fts, rank) VALUES ('hashsize', 16777216);

-- documents per canonical term (by its hash, as in doc.terms): the weights of
-- the matcher and its candidates, kept up to date by every write (saring's
-- store_commit)
CREATE TABLE termdf (
	h    INTEGER PRIMARY KEY,   -- term hash
	df   INTEGER NOT NULL,      -- documents holding the term
	docs BLOB                   -- their doc.n, ascending, as LEB128 varints of the
	                            -- differences; NULL for terms of more than 4096
);

-- key/value facts about this database, e.g. the text pipeline it was indexed with
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT
);

-- what saring update last heard from each source: the validators of its
-- first page for the next conditional request, and when it was fetched
CREATE TABLE source_state (
	name          TEXT PRIMARY KEY,   -- the source's name in the sources file
	etag          TEXT,
	last_modified TEXT,
	fetched_at    TEXT NOT NULL       -- ISO 8601 UTC
);

PRAGMA user_version = 4;
