/*
 * hmap.h: an open-addressing hash map from byte-string keys to a pointer
 * or integer value.
 *
 * Ownership: the map copies keys (into its own storage) and frees them in
 * hmap_free(); values are the caller's: a map of owned pointers frees them
 * itself before hmap_free(), looping with hmap_next().
 */
#ifndef SARING_HMAP_H
#define SARING_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap_entry {
	char *key;       /* owned copy, NUL-terminated; NULL marks an empty slot */
	uint32_t klen;   /* key length in bytes */
	uint32_t hash;   /* cached hash of the key */
	uint64_t head;   /* its first 8 bytes, zero-padded: most keys compare without reading key */
	union {
		void *ptr;
		int64_t num;
	} val;
};

struct hmap {
	struct hmap_entry *slots;  /* owned; cap entries */
	size_t cap;                /* a power of two, or 0 before the first put */
	size_t len;                /* entries in use */
};

#define HMAP_INIT { NULL, 0, 0 }

/* Bounded caches stay under this many entries: the table then keeps 65,536 slots (2 MiB). */
#define HMAP_CACHE_MAX 49000

/* The entry for key, or NULL. */
struct hmap_entry *hmap_get(const struct hmap *m, const char *key, size_t klen);
/* The entry for key, created (val zeroed) when missing; *isnew tells which. */
struct hmap_entry *hmap_put(struct hmap *m, const char *key, size_t klen, int *isnew);
/*
 * The entry after e in slot order (e NULL: the first), or NULL after the
 * last: for (e = hmap_next(m, NULL); e; e = hmap_next(m, e)). The map must
 * not change during the loop.
 */
struct hmap_entry *hmap_next(const struct hmap *m, const struct hmap_entry *e);
/* Drop every entry (keys freed; values are the caller's). */
void hmap_clear(struct hmap *m);
void hmap_free(struct hmap *m);

#endif
