/* stem.c: Snowball Indonesian with an exception table and a cache. */
#include "stem.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "tables.h"
#include "util.h"

#define CACHE_MAX HMAP_CACHE_MAX   /* words cached before the cache starts over */

/* The exception table: loaded once a process (stem_tables()), read-only after, shared by every stemmer. */
static pthread_once_t exceptions_once = PTHREAD_ONCE_INIT;
static struct hmap exceptions = HMAP_INIT;  /* word -> owned stem */

struct stemmer {
	struct sb_stemmer *sb;   /* owned: libstemmer's, which keeps state between calls */
	struct hmap cache;       /* word -> owned stem */
};

static void free_values(struct hmap *m)
{
	for (struct hmap_entry *e = hmap_next(m, NULL); e; e = hmap_next(m, e))
		free(e->val.ptr);
}

static void load_exceptions(void)
{
	table_load_pairs(data_stem_exceptions, &exceptions);
}

void stem_tables(void)
{
	pthread_once(&exceptions_once, load_exceptions);
}

struct stemmer *stemmer_new(void)
{
	stem_tables();
	struct stemmer *s = xcalloc(1, sizeof *s);
	s->sb = sb_stemmer_new("indonesian", "UTF_8");
	if (!s->sb)
		die(EXIT_SYSTEM, "libstemmer has no indonesian stemmer");
	return s;
}

void stemmer_free(struct stemmer *s)
{
	if (!s)
		return;
	free_values(&s->cache);
	hmap_free(&s->cache);
	sb_stemmer_delete(s->sb);
	free(s);
}

int stem_is_exception(const char *w, size_t len)
{
	stem_tables();
	return hmap_get(&exceptions, w, len) != NULL;
}

const char *stem_word(struct stemmer *st, const char *w, size_t len, size_t *outlen)
{
	struct hmap_entry *e = hmap_get(&st->cache, w, len);
	if (e) {
		*outlen = strlen(e->val.ptr);
		return e->val.ptr;
	}
	if (st->cache.len >= CACHE_MAX) {
		free_values(&st->cache);
		hmap_clear(&st->cache);
	}
	struct hmap_entry *x = hmap_get(&exceptions, w, len);
	const sb_symbol *s = x ? NULL : sb_stemmer_stem(st->sb, (const sb_symbol *)w, (int)len);
	size_t sl = s ? (size_t)sb_stemmer_length(st->sb) : 0;
	e = hmap_put(&st->cache, w, len, NULL);
	if (x)
		e->val.ptr = xstrdup(x->val.ptr);
	else
		e->val.ptr = s && sl ? xstrndup((const char *)s, sl) : xstrndup(w, len);
	*outlen = strlen(e->val.ptr);
	return e->val.ptr;
}
