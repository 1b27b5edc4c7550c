/*
 * serve_pool.h: the matchers of `saring serve`'s request threads.
 * Matchers and their store connections are not thread-safe: a request
 * takes one from the pool while it matches and gives it back; they are
 * made when first needed, up to MATCHERS_MAX, and further requests wait
 * their turn.
 *
 * Ownership: the pool owns its matchers and their store connections; the
 * database path is borrowed. pool_free() releases them all.
 */
#ifndef SARING_SERVE_POOL_H
#define SARING_SERVE_POOL_H

#include <pthread.h>

#define MATCHERS_MAX 8               /* requests that match at the same time; others wait their turn */

/* Matchers for the request threads: one each while it matches, made when first needed. */
struct pool {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	const char *db;                      /* borrowed: the database path (NULL: the default) */
	struct store *st[MATCHERS_MAX];      /* owned; a connection of its own for each matcher */
	struct matcher *m[MATCHERS_MAX];     /* owned */
	int busy[MATCHERS_MAX];
	int made;                            /* slots in use */
};

/* Ready an empty pool whose matchers read the database at db (NULL: the default). */
void pool_init(struct pool *p, const char *db);
/* A matcher of the pool for this thread's request, made if none is free and there is room, else waited for. */
struct matcher *pool_take(struct pool *p, int *slot);
/* Give back the matcher taken as slot. */
void pool_give(struct pool *p, int slot);
void pool_free(struct pool *p);

#endif
