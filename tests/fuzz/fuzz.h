/*
 * fuzz.h: helpers shared by the libFuzzer targets in tests/fuzz/: a
 * scratch file the readers can open by name, a strict UTF-8 check, and
 * an assertion that survives -DNDEBUG.
 *
 * Ownership: fuzz_file() returns a path owned by this header's static
 * state; it stays valid for the whole process.
 */
#ifndef SARING_FUZZ_H
#define SARING_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

/* Abort (a crash libFuzzer records) when cond is false. */
#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: fuzz assertion failed: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* Is s[0..n) well-formed UTF-8 (no overlongs, surrogates, or code points above U+10FFFF)? */
static inline int fuzz_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t k;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c < 0xC2 || c > 0xF4)
			return 0;
		k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (i + k > n)
			return 0;
		for (size_t j = 1; j < k; j++)
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
		if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0) ||
		    (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90))
			return 0;
		i += k;
	}
	return 1;
}

/* A NUL-terminated string that is valid UTF-8 (NULL is fine: an absent field). */
static inline int fuzz_str_ok(const char *s)
{
	return !s || fuzz_utf8_valid(s, strlen(s));
}

/*
 * Write data to a scratch file named "input<ext>" in a private temporary
 * folder (made once under $FUZZ_TMPDIR, /dev/shm or /tmp; removed at a
 * normal exit, but not after a crash) and return its path.
 */
static char fuzz_dir[64], fuzz_path[128];

static void fuzz_cleanup(void)
{
	static const char *const exts[] = { "", ".csv", ".tsv", ".jsonl", ".json", ".txt", ".db",
					    ".db-wal", ".db-shm", ".db-journal" };
	char p[160];
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		snprintf(p, sizeof p, "%s/input%s", fuzz_dir, exts[i]);
		unlink(p);
	}
	rmdir(fuzz_dir);
}

static inline const char *fuzz_scratch_dir(void)
{
	if (!fuzz_dir[0]) {
		const char *tmp = getenv("FUZZ_TMPDIR");   /* run.sh removes it afterwards */
		if (!tmp || !*tmp)
			tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(fuzz_dir, sizeof fuzz_dir, "%s/saring-fuzz-XXXXXX", tmp);
		if (!mkdtemp(fuzz_dir)) {
			perror("mkdtemp");
			abort();
		}
		atexit(fuzz_cleanup);
	}
	return fuzz_dir;
}

static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *ext)
{
	snprintf(fuzz_path, sizeof fuzz_path, "%s/input%s", fuzz_scratch_dir(), ext);
	int fd = open(fuzz_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		perror(fuzz_path);
		abort();
	}
	size_t off = 0;
	while (off < size) {
		ssize_t w = write(fd, data + off, size - off);
		if (w <= 0) {
			perror(fuzz_path);
			abort();
		}
		off += (size_t)w;
	}
	close(fd);
	return fuzz_path;
}

#endif
