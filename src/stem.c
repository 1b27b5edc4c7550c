/* stem.c: Snowball Indonesian with an exception table and a cache. */
#include "stem.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "tables.h"
#include "util.h"

#define CACHE_MAX HMAP_CACHE_MAX   /* words cached before the cache starts over */

/* The calling thread's own, like the normalizer's tables (a stemmer keeps state between calls). */
static __thread struct sb_stemmer *stemmer;
static __thread struct hmap exceptions = HMAP_INIT;  /* word -> owned stem */
static __thread struct hmap cache = HMAP_INIT;       /* word -> owned stem */

static void free_values(struct hmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			free(m->slots[i].val.ptr);
}

static void init(void)
{
	stemmer = sb_stemmer_new("indonesian", "UTF_8");
	if (!stemmer)
		die(EXIT_SYSTEM, "libstemmer has no indonesian stemmer");
	table_load_pairs(data_stem_exceptions, &exceptions);
}

int stem_is_exception(const char *w, size_t len)
{
	if (!stemmer)
		init();
	return hmap_get(&exceptions, w, len) != NULL;
}

const char *stem_word(const char *w, size_t len, size_t *outlen)
{
	if (!stemmer)
		init();
	struct hmap_entry *e = hmap_get(&cache, w, len);
	if (e) {
		*outlen = strlen(e->val.ptr);
		return e->val.ptr;
	}
	if (cache.len >= CACHE_MAX) {
		free_values(&cache);
		hmap_clear(&cache);
	}
	struct hmap_entry *x = hmap_get(&exceptions, w, len);
	const sb_symbol *s = x ? NULL : sb_stemmer_stem(stemmer, (const sb_symbol *)w, (int)len);
	size_t sl = s ? (size_t)sb_stemmer_length(stemmer) : 0;
	e = hmap_put(&cache, w, len, NULL);
	if (x)
		e->val.ptr = xstrdup(x->val.ptr);
	else
		e->val.ptr = s && sl ? xstrndup((const char *)s, sl) : xstrndup(w, len);
	*outlen = strlen(e->val.ptr);
	return e->val.ptr;
}

void stem_release(void)
{
	free_values(&cache);
	hmap_free(&cache);
	free_values(&exceptions);
	hmap_free(&exceptions);
	if (stemmer)
		sb_stemmer_delete(stemmer);
	stemmer = NULL;
}
