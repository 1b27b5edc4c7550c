/* postings.c: posting lists and the pending changes to them (see postings.h). */
#include "postings.h"

#include <stdlib.h>
#include <string.h>

/*
 * A setting, not state (the tests lower it). 1 Mi pairs: 8 MiB, and as
 * much again while they are sorted (4 Mi kept an import over 100 MB)
 */
size_t postings_limit = (size_t)1 << 20;

static void append(struct pairs *p, uint32_t h, int64_t row)
{
	/* row 0 marks a row out of range: the term's list cannot be kept */
	uint64_t r = row >= 1 && row <= UINT32_MAX ? (uint64_t)row : 0;
	xgrow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v);
	p->v[p->n++] = (uint64_t)h << 32 | r;
}

void postings_add(struct postings *p, uint32_t h, int64_t row)
{
	append(&p->added, h, row);
}

void postings_remove(struct postings *p, uint32_t h, int64_t row)
{
	append(&p->removed, h, row);
}

size_t postings_pending(const struct postings *p)
{
	return p->added.n + p->removed.n;
}

void postings_clear(struct postings *p)
{
	free(p->added.v);
	free(p->removed.v);
	memset(p, 0, sizeof *p);
}

/* LSD radix sort, a byte at a time; bytes that are the same in every key are skipped. */
static void radix_sort(uint64_t *v, size_t n)
{
	if (n < 2)
		return;
	uint64_t *tmp = xmalloc(n * sizeof *tmp), *src = v, *dst = tmp;
	for (int shift = 0; shift < 64; shift += 8) {
		size_t count[256] = { 0 };
		for (size_t i = 0; i < n; i++)
			count[src[i] >> shift & 0xFF]++;
		if (count[src[0] >> shift & 0xFF] == n)
			continue;
		size_t sum = 0;
		for (int b = 0; b < 256; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[src[i] >> shift & 0xFF]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof *v);
	free(tmp);
}

void postings_sort(struct postings *p)
{
	radix_sort(p->added.v, p->added.n);
	radix_sort(p->removed.v, p->removed.n);
}

/* The run of pairs of term h from i on; its end. */
static size_t run_end(const struct pairs *p, size_t i, uint32_t h)
{
	while (i < p->n && p->v[i] >> 32 == h)
		i++;
	return i;
}

int postings_next(const struct postings *p, struct postings_iter *it, struct term_change *c)
{
	int more_a = it->add < p->added.n, more_d = it->del < p->removed.n;
	if (!more_a && !more_d)
		return 0;
	uint32_t ha = more_a ? (uint32_t)(p->added.v[it->add] >> 32) : UINT32_MAX;
	uint32_t hd = more_d ? (uint32_t)(p->removed.v[it->del] >> 32) : UINT32_MAX;
	c->h = !more_d || (more_a && ha < hd) ? ha : hd;
	size_t ea = run_end(&p->added, it->add, c->h), ed = run_end(&p->removed, it->del, c->h);
	c->add = p->added.v + it->add;
	c->nadd = ea - it->add;
	c->del = p->removed.v + it->del;
	c->ndel = ed - it->del;
	it->add = ea;
	it->del = ed;
	return 1;
}

void postings_encode(const uint32_t *v, size_t n, struct strbuf *out)
{
	uint32_t prev = 0;
	sb_reset(out);
	for (size_t i = 0; i < n; i++) {
		uint32_t d = v[i] - prev;
		prev = v[i];
		do {
			unsigned char c = d & 0x7F;
			d >>= 7;
			sb_putc(out, (char)(c | (d ? 0x80 : 0)));
		} while (d);
	}
}

int postings_decode(const unsigned char *b, size_t nb, uint32_t **v, size_t *n, size_t *cap)
{
	uint32_t prev = 0;
	xgrow((void **)v, cap, *n + nb + 1, sizeof **v);   /* a row takes a byte at least */
	uint32_t *out = *v + *n;
	for (size_t i = 0; i < nb;) {
		uint32_t d = 0;
		for (int shift = 0;; shift += 7) {
			if (i >= nb || shift > 28) {
				*n = (size_t)(out - *v);
				return -1;
			}
			d |= (uint32_t)(b[i] & 0x7F) << shift;
			if (!(b[i++] & 0x80))
				break;
		}
		prev += d;
		*out++ = prev;
	}
	*n = (size_t)(out - *v);
	return 0;
}

/*
 * Each change toggles a row, so a row is in the new list when it was in
 * the old one, plus the times it was added, less the times it was
 * removed, comes to 1; any other count than 0 or 1 is a change that does
 * not fit.
 */
int postings_merge(const unsigned char *old, size_t nb, const struct term_change *c,
		   struct strbuf *out, size_t *n)
{
	uint32_t *v = NULL;
	size_t nv = 0, cap = 0, k = 0, i = 0, a = 0, d = 0;
	int bad = postings_decode(old, nb, &v, &nv, &cap) < 0;
	uint32_t *res = xmalloc((nv + c->nadd + 1) * sizeof *res);
	while (!bad && (i < nv || a < c->nadd || d < c->ndel)) {
		uint64_t r = UINT64_MAX;
		if (i < nv)
			r = v[i];
		if (a < c->nadd && (uint32_t)c->add[a] < r)
			r = (uint32_t)c->add[a];
		if (d < c->ndel && (uint32_t)c->del[d] < r)
			r = (uint32_t)c->del[d];
		int count = 0;
		for (; i < nv && v[i] == r; i++)
			count++;
		for (; a < c->nadd && (uint32_t)c->add[a] == r; a++)
			count++;
		for (; d < c->ndel && (uint32_t)c->del[d] == r; d++)
			count--;
		if (r == 0 || count < 0 || count > 1)
			bad = 1;
		else if (count)
			res[k++] = (uint32_t)r;
	}
	if (!bad)
		postings_encode(res, k, out);
	*n = k;
	free(res);
	free(v);
	return bad ? -1 : 0;
}
