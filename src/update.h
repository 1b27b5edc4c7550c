/*
 * update.h: bringing one source's new records into the corpus (saring
 * update).
 *
 * A source's pages are fetched first (fetch.c: conditional on the last
 * response's validators, bounded), parsed (feed.c) and checked, and
 * paging stops at a page holding a record already stored; then all its
 * records are written through import's rules (import_read_mem) in one
 * transaction with the source's new validators, so a source that fails
 * anywhere writes nothing, and the others go on.
 *
 * Ownership: the result's error is owned; update_result_release() frees it.
 */
#ifndef SARING_UPDATE_H
#define SARING_UPDATE_H

#include "fetch.h"
#include "sources.h"
#include "store.h"

#define UPDATE_MAX_BYTES (4 << 20)            /* a feed page's body, decoded */
#define UPDATE_MAX_RECORD_BYTES (16 << 20)    /* the records of one source and run, kept until written */

struct update_opts {
	struct fetch_limits lim;   /* for feed pages (a kind may allow more: its max_bytes) */
	int max_pages;             /* pages fetched at most per source and run */
	int insecure;              /* accept a bundle that is unsigned or signed by no trusted key */
	int progress;              /* say on stderr which page is being fetched */
};

struct update_result {
	long added, updated, unchanged, skipped;
	long pages;                /* pages read */
	int requests;              /* HTTP requests sent, retries included */
	int not_modified;          /* the server answered 304: nothing new */
	int db_error;              /* the failure was the database's */
	char *error;               /* owned: why nothing was written, or NULL */
};

void update_source(struct store *st, const struct source *src, const struct update_opts *o,
		   struct update_result *res);
void update_result_release(struct update_result *res);

#endif
