/*
 * store.h: the SQLite database: schema and migrations, the FTS5 tokenizer
 * that runs saring's text pipeline, and document insert/update/remove.
 *
 * Errors opening or reading the database are fatal (EXIT_SYSTEM) with a
 * clear message naming the file; write errors are returned so that
 * import can roll back the file it is reading.
 *
 * Ownership: struct store is owned by the caller of store_open() and
 * released by store_close(); strings it returns are owned by the store.
 */
#ifndef SARING_STORE_H
#define SARING_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "store_terms.h"

#define SCHEMA_VERSION 4

/*
 * termdf keeps the document rows of terms held by at most this many
 * documents, delta-coded (about 1.5 bytes a row): reading a kept list
 * costs some 10 instructions a row, an FTS5 doclist some 750, so only
 * the commonest words are read from FTS5 (tests/suites/common-words.sh).
 */
#define POSTINGS_MAX 65536

/* STORE_CHECK: read-write when the file allows it, never created (doctor). */
enum store_mode { STORE_READ, STORE_WRITE, STORE_CHECK };

struct pipeline;
struct store_conn;   /* the store's own, defined in its private header: the connection and its state */

struct store {
	char *path;        /* owned: the database file */
	int readonly;      /* opened read-only (the starter corpus, or a read-only file) */
	int starter;       /* this is the bundled starter corpus */
	int checking;      /* opened by doctor (STORE_CHECK): never created, errors say what to do */
	char *held_by;     /* owned: the source of the document of the last PUT_CLASH */
	int schema;        /* its schema version (a reader may have an older one) */
	const char *fetched_at;   /* borrowed: puts record it as the documents' fetched_at (saring update), or NULL */
	struct store_conn *conn;  /* owned, private to the store's files; each store has its own
				   * connection, so threads with their own stores never share one */
};

/*
 * Open the database: path (--db), else $SARING_DB, else
 * $XDG_DATA_HOME/saring/saring.db. For reading, when the user has no
 * database yet, the bundled starter corpus is opened instead.
 */
struct store *store_open(const char *path, enum store_mode mode);
void store_close(struct store *st);

/* Die with "PATH: what: sqlite message" (EXIT_SYSTEM). */
_Noreturn void store_die(struct store *st, const char *what);

int store_exec(struct store *st, const char *sql);   /* 0 or -1 (message via store_errmsg) */
/* Begin the write transaction (BEGIN IMMEDIATE): 0 or -1. */
int store_begin(struct store *st);
/* The database's message for the last call that failed (owned by the store). */
const char *store_errmsg(struct store *st);

enum put_result { PUT_ADDED, PUT_UPDATED, PUT_UNCHANGED, PUT_CONFLICT, PUT_CLASH, PUT_ERROR };
/*
 * Insert d (an id is derived from its content hash when d->id is NULL).
 * An existing id with the same content is PUT_UNCHANGED; with other
 * content from the same source it is replaced when replace is set, else
 * PUT_CONFLICT; a document of another source holding the id is never
 * replaced: PUT_CLASH, with that source in st->held_by, except for a
 * review's identity (DOC_ID_REVIEW), which is the same review: d takes
 * the source it holds, and it is compared and replaced as above.
 */
enum put_result store_put(struct store *st, struct doc *d, int replace);
/*
 * The same in two steps, so that the first can run on another thread:
 * store_prep_tokens() runs the text pipeline pl (the calling thread's
 * owner's: it gives the same tokens as the store's own) over a document's
 * columns into a store_prep (store_put_prep() does it with the store's
 * pipeline when it has not been done and the document is to be written);
 * store_put_prep() hashes it, gives it its id when it has none, and
 * writes it. One thread may prepare while another puts.
 */
struct store_prep;
struct store_prep *store_prep_new(void);
void store_prep_tokens(struct store_prep *p, const struct doc *d, struct pipeline *pl);
enum put_result store_put_prep(struct store *st, struct doc *d, struct store_prep *p, int replace);
void store_prep_free(struct store_prep *p);
/*
 * Commit the write transaction with the document frequencies its puts and
 * removes changed (termdf). 0, or -1 (the transaction is then rolled back
 * by the caller with store_rollback()).
 */
int store_commit(struct store *st);
/* Roll back, forgetting the pending frequency changes. */
void store_rollback(struct store *st);
/* The number of documents (kept in meta by every write). */
long long store_doc_count(struct store *st);
/* The highest document row, 0 when none. */
long long store_max_row(struct store *st);
/* Recount termdf (and the number of documents) from the documents: the number of counts off, or -1. */
int store_check_terms(struct store *st);
/* Documents holding the term with this hash (termdf). */
long long store_df(struct store *st, uint32_t h);
/*
 * The rows of the documents holding the term, ascending, appended to
 * *rows (grown with xgrow): their number (0 for an unknown term), or -1
 * when termdf does not keep them (more than POSTINGS_MAX documents).
 */
long long store_postings(struct store *st, uint32_t h, uint32_t **rows, size_t *cap);

/* The source of the document with this id: 1 found (*source owned by the caller, NULL for none), 0 not, -1 error. */
int store_id_source(struct store *st, const char *id, char **source);
/*
 * What saring update keeps per source (source_state): the validators of
 * its last response, owned by the caller after store_source_get() (NULL
 * when none); store_source_put() writes them with the time, inside the
 * caller's transaction. 0 or -1.
 */
int store_source_get(struct store *st, const char *name, char **etag, char **last_modified);
int store_source_put(struct store *st, const char *name, const char *etag, const char *last_modified,
		     const char *fetched_at);

/*
 * The creation time of the newest bundle taken from a key (hex) for a
 * source (meta), owned by the caller (NULL when none) after
 * store_bundle_get(); store_bundle_put() keeps it, inside the caller's
 * transaction. 0 or -1.
 */
int store_bundle_get(struct store *st, const char *key, const char *source, char **created);
int store_bundle_put(struct store *st, const char *key, const char *source, const char *created);

/* Remove by id: 1 removed, 0 no such id, -1 error. */
int store_remove(struct store *st, const char *id);
/* Merge the FTS index into one segment, for fast reads. 0 or -1. */
int store_optimize(struct store *st);
/* Rebuild the FTS index and every document's terms. 0 or -1. */
int store_reindex(struct store *st);

#endif
