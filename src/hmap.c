/* hmap.c: open-addressing hash map with linear probing. */
#include "hmap.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static uint32_t hash_key(const char *key, size_t klen)
{
	uint64_t h = hash64(key, klen);
	return (uint32_t)(h ^ (h >> 32));
}

static uint64_t key_head(const char *key, size_t klen)
{
	uint64_t head = 0;
	memcpy(&head, key, klen < sizeof head ? klen : sizeof head);
	return head;
}

static struct hmap_entry *probe(const struct hmap *m, const char *key, size_t klen, uint32_t h)
{
	size_t mask = m->cap - 1;
	uint64_t head = key_head(key, klen);
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct hmap_entry *e = &m->slots[i];
		if (!e->key)
			return e;
		if (e->hash == h && e->klen == klen && e->head == head &&
		    (klen <= sizeof head || memcmp(e->key + sizeof head, key + sizeof head, klen - sizeof head) == 0))
			return e;
	}
}

struct hmap_entry *hmap_get(const struct hmap *m, const char *key, size_t klen)
{
	if (!m->cap)
		return NULL;
	struct hmap_entry *e = probe(m, key, klen, hash_key(key, klen));
	return e->key ? e : NULL;
}

static void rehash(struct hmap *m, size_t ncap)
{
	struct hmap old = *m;
	m->slots = xcalloc(ncap, sizeof *m->slots);
	m->cap = ncap;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*probe(m, old.slots[i].key, old.slots[i].klen, old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

struct hmap_entry *hmap_put(struct hmap *m, const char *key, size_t klen, int *isnew)
{
	if ((m->len + 1) * 4 >= m->cap * 3)
		rehash(m, m->cap ? m->cap * 2 : 64);
	uint32_t h = hash_key(key, klen);
	struct hmap_entry *e = probe(m, key, klen, h);
	if (isnew)
		*isnew = !e->key;
	if (!e->key) {
		e->key = xstrndup(key, klen);
		e->klen = (uint32_t)klen;
		e->hash = h;
		e->head = key_head(key, klen);
		e->val.num = 0;
		m->len++;
	}
	return e;
}

struct hmap_entry *hmap_next(const struct hmap *m, const struct hmap_entry *e)
{
	for (size_t i = e ? (size_t)(e - m->slots) + 1 : 0; i < m->cap; i++)
		if (m->slots[i].key)
			return &m->slots[i];
	return NULL;
}

void hmap_clear(struct hmap *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		free(m->slots[i].key);
		m->slots[i].key = NULL;
	}
	m->len = 0;
}

void hmap_free(struct hmap *m)
{
	hmap_clear(m);
	free(m->slots);
	m->slots = NULL;
	m->cap = 0;
}
