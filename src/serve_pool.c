/*
 * serve_pool.c: the matchers of the request threads (see serve_pool.h).
 */
#include "serve_pool.h"

#include "match.h"
#include "store.h"

void pool_init(struct pool *p, const char *db)
{
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	p->db = db;
}

struct matcher *pool_take(struct pool *p, int *slot)
{
	pthread_mutex_lock(&p->lock);
	for (;;) {
		for (int i = 0; i < p->made; i++)
			if (!p->busy[i]) {
				p->busy[i] = 1;
				*slot = i;
				pthread_mutex_unlock(&p->lock);
				return p->m[i];
			}
		if (p->made < MATCHERS_MAX)
			break;
		pthread_cond_wait(&p->freed, &p->lock);
	}
	int i = p->made++;
	p->busy[i] = 1;
	pthread_mutex_unlock(&p->lock);
	/* opened outside the lock: others may take and give back meanwhile */
	p->st[i] = store_open(p->db, STORE_READ);
	p->m[i] = matcher_new(p->st[i]);
	*slot = i;
	return p->m[i];
}

void pool_give(struct pool *p, int slot)
{
	pthread_mutex_lock(&p->lock);
	p->busy[slot] = 0;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

void pool_free(struct pool *p)
{
	for (int i = 0; i < p->made; i++) {
		matcher_free(p->m[i]);
		store_close(p->st[i]);
	}
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
}
