/*
 * store_int.h: what the store's own files (store*.c, fts_tok.c) share and
 * the commands never see: the SQLite connection and its per-connection
 * state. Nothing outside the store includes it (tests/suites/layers.sh).
 */
#ifndef SARING_STORE_INT_H
#define SARING_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

struct store_conn {
	sqlite3 *db;                 /* owned connection */
	sqlite3_stmt *df, *docs;     /* owned: store_df(), store_postings(), prepared when first used */
};

/* Prepare sql or die with the database's message. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql);

/* The ten columns of a document, in struct doc's order, for store_doc_row(). */
#define DOC_COLUMNS "id, label, rating, title, claim, body, publisher, url, date, source"

/* Column i of the current row as an owned string, NULL for NULL. */
char *store_col_dup(sqlite3_stmt *s, int i);
/* The DOC_COLUMNS of the current row, from column 0, into d (owned by d). */
void store_doc_row(sqlite3_stmt *s, struct doc *d);
/* The first column of a one-row query as an int; a database error is fatal. */
int store_query_int(struct store *st, const char *sql);

#endif
