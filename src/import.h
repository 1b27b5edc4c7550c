/*
 * import.h: reading corpus files: JSON Lines, CSV, schema.org ClaimReview
 * JSON / JSON-LD, and plain text / Markdown files (export.h writes them).
 *
 * Ownership: readers hand each struct doc to the callback, which owns it
 * from then on (it must doc_clear() it). Option strings are borrowed.
 */
#ifndef SARING_IMPORT_H
#define SARING_IMPORT_H

#include <stdio.h>

#include "doc.h"
#include "import_opts.h"

/*
 * Parse "jsonl", "csv", "claimreview", "text" or "auto" (also "ndjson",
 * "tsv", "json", "jsonld", "txt", "md"; any case); -1 if unknown.
 */
int import_format_parse(const char *name);
const char *import_format_name(enum import_format f);


/*
 * Read one file (or a directory of .txt/.md files for FMT_TEXT/FMT_AUTO)
 * and call on_doc for each good record and on_bad for each bad one.
 * Returns 0 when the file was read to the end or on_doc asked to stop,
 * -1 when it could not be read at all (message in *err, caller frees).
 * path "-" or NULL reads stdin (default source "stdin").
 *
 * Format (FMT_AUTO): .jsonl/.ndjson JSON Lines; .csv/.tsv CSV;
 * .txt/.md/.markdown or a directory text; .json/.jsonld ClaimReview, or
 * JSON Lines when the first line is a whole object. Any other name goes
 * by content: '[' ClaimReview; '{' JSON Lines when the first line is a
 * whole object, else ClaimReview; a first line split by ',', ';' or TAB
 * naming a known column (or a --map column) CSV; else text.
 *
 * Every record: fields are trimmed and "" counts as absent; a label goes
 * through o->label_map first, then must be one import_label() knows (else
 * bad), or comes from o->label; source is the record's, else o->source,
 * else the file's base name less its extension; an id the record carries
 * is kept as given when the record names its own source (DOC_ID_OWN),
 * else becomes SOURCE:ID (DOC_ID_SOURCE; an id already starting with
 * "SOURCE:" is kept); dates go through date_parse() and are dropped silently when
 * unreadable; a record needs a title, claim or body. Lines are 1-based:
 * where the record starts (CSV rows spanning lines; ClaimReview array and
 * "@graph" elements; 1 for a single object and for text files).
 *
 * JSON Lines: keys id (string or integer), label, rating, title, claim,
 * text (or body), publisher, url, date, source; other keys are ignored,
 * other value types are bad records; a line holding a ClaimReview object
 * is read as one.
 * CSV: the header line names the columns (ignoring case); o->map entries
 * "field=column" come first, "field=" ignores a column that would match
 * by name. CSV and text files that are not UTF-8 are read as
 * Windows-1252 (valid UTF-8 sequences in them kept), with one warning.
 * UTF-8 and UTF-16 byte order marks are honoured in all formats.
 * ClaimReview: label o->label or "factcheck"; "saring:label",
 * "saring:source" and "identifier" (written by export.c)
 * are read back, so both writers round-trip. Other reviews get the id
 * cr-<hash> of their url (or of claim, publisher and date: DOC_ID_REVIEW),
 * so one review in two files is one document. Reviews are found in an
 * array, "@graph", a node's "claimReviews" / "claimReview" / "review", a
 * DataFeed's "dataFeedElement" (and its items' "item"), and a Google Fact
 * Check Tools response ("claims"[]."claimReview"[]).
 * A value that yields no document and no bad record is reported as a bad
 * record saying why.
 */
int import_read(const char *path, const struct import_opts *o,
		doc_fn on_doc, bad_fn on_bad, void *ctx, char **err);

/*
 * The same for text in memory, named name in messages: JSON Lines
 * (FMT_JSONL) or ClaimReview (FMT_CLAIMREVIEW), under the rules above,
 * with source as the default source. saring update and bundles read
 * what they fetched through it. Returns 1 when on_doc asked to stop, else 0.
 */
int import_read_mem(const char *name, const char *s, size_t n, enum import_format fmt, const char *source,
		    doc_fn on_doc, bad_fn on_bad, void *ctx);

#endif
