/*
 * t.h: a tiny table-driven unit test harness. Each test file defines
 * test functions that call CHECK()/CHECK_STR(); main() runs them with
 * RUN() and ends with T_DONE(), which prints "N passed, N failed" and
 * returns non-zero on any failure.
 */
#ifndef SARING_T_H
#define SARING_T_H

#include <stdio.h>
#include <string.h>

static int t_passed, t_failed, t_skipped;

#define CHECK(cond) do { \
	if (cond) t_passed++; \
	else { t_failed++; fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ && w_ && strcmp(g_, w_) == 0) t_passed++; \
	else { t_failed++; fprintf(stderr, "%s:%d: FAIL: got \"%s\", want \"%s\"\n", \
		__FILE__, __LINE__, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ == w_) t_passed++; \
	else { t_failed++; fprintf(stderr, "%s:%d: FAIL: %s = %lld, want %lld\n", \
		__FILE__, __LINE__, #got, g_, w_); } \
} while (0)

#define RUN(fn) fn()

/* A part that cannot run here (say why): counted as skipped, not passed. */
#define T_SKIP(...) do { \
	t_skipped++; \
	printf("skip: " __VA_ARGS__); \
	putchar('\n'); \
} while (0)

#define T_DONE(name) ( \
	printf("%s: %d passed, %d failed, %d skipped\n", (name), t_passed, t_failed, t_skipped), \
	t_failed ? 1 : 0)

#endif
