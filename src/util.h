/*
 * util.h: allocation wrappers, a growable text buffer, error reporting.
 *
 * Ownership: functions returning char * or a struct pointer hand the caller
 * memory to free() (or the matching _free()); const char * arguments are
 * borrowed. The x*() allocators never return NULL: they exit with
 * EXIT_SYSTEM on failure, so callers do not check.
 */
#ifndef SARING_UTIL_H
#define SARING_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "exe.h"   /* exe_relative(), for the files that find saring's own data through util.h */

/* Exit status, shared by every command (see saring(1) EXIT STATUS). */
enum exit_status {
	EXIT_CLEAN = 0,   /* nothing hoax-like found */
	EXIT_HOAX = 1,    /* a known hoax matched, or an altered release */
	EXIT_USAGE = 2,   /* usage error or bad input */
	EXIT_SYSTEM = 3,  /* database or system error */
};

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow *ptr (an array of *cap elements of size elem) to hold at least need. */
void xgrow(void **ptr, size_t *cap, size_t need, size_t elem);

/*
 * A growable byte buffer, always NUL-terminated. As in git, buf is never
 * NULL: STRBUF_INIT points it at a shared empty string until the first
 * append allocates (cap 0 says nothing is owned). A zeroed strbuf (from
 * calloc) may be appended to as well, but reads NULL until then.
 */
extern char sb_empty[1];
struct strbuf {
	char *buf;   /* owned when cap > 0, else sb_empty (or NULL when zeroed) */
	size_t len;  /* bytes used, not counting the NUL */
	size_t cap;  /* bytes allocated */
};
#define STRBUF_INIT { sb_empty, 0, 0 }
/* Sort ascending (a quicksort with the comparison inline; qsort's calls cost more than the sort). */
void sort_u32(uint32_t *v, size_t n);

/* Make room for n more bytes and the NUL. */
void sb_grow(struct strbuf *sb, size_t n);
/* Append (inline: the text pipeline appends a few bytes at a time). */
static inline void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap)
		sb_grow(sb, n);
	if (n)
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}
static inline void sb_putc(struct strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}
void sb_puts(struct strbuf *sb, const char *s);
/*
 * Append s[0..n) safe for a terminal: C0 controls and DEL as their control
 * pictures (ESC as U+241B), C1 controls and invalid UTF-8 as U+FFFD; newline
 * and tab kept when keep_lines, else shown too. Every line of text saring
 * prints for people or as TSV goes through this (out_term(), warnx_()).
 */
void sb_add_visible(struct strbuf *sb, const char *s, size_t n, int keep_lines);
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_reset(struct strbuf *sb);
/* Give the buffer to the caller (never NULL) and reset sb. */
char *sb_detach(struct strbuf *sb);
void sb_release(struct strbuf *sb);

/* The running command's name for messages, e.g. "check"; set by main. */
extern const char *progcmd;
/* Its synopsis after the name, for usage errors; set by main. */
extern const char *progusage;

/* "saring CMD: message" on stderr. */
void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* On this thread, warnx_() hands its message (without the "saring CMD: " prefix) to fn instead; NULL undoes it. */
void warn_sink(void (*fn)(void *ctx, const char *msg), void *ctx);
/*
 * The value of number option name ("-n", "--top"): arg, a whole decimal
 * number from lo to hi. Anything else is a usage error: the message and
 * the command's usage on stderr, then exit(EXIT_USAGE).
 */
long opt_int(const char *arg, long lo, long hi, const char *name);
/* "saring CMD: message" on stderr, then exit(status). */
_Noreturn void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Read a whole file ("-" or NULL for stdin) into a NUL-terminated buffer.
 * Returns 0, or -1 with errno set (EISDIR for a directory).
 */
int read_file(const char *path, struct strbuf *out);

/* The longest message or line read as one (check -f, --jsonl, normalize): 64 MiB. */
#define INPUT_MAX ((size_t)64 << 20)
/* read_file(), but -1 with errno EFBIG past max bytes (an endless FIFO stops there). */
int read_file_max(const char *path, struct strbuf *out, size_t max);
/* Open path for reading lines ("-" or NULL: stdin); NULL with errno set. */
FILE *open_input(const char *path);
/* Close what open_input() opened (stdin stays open). */
void close_input(FILE *f);
/*
 * Read one line into line (reset first; the newline dropped). Returns 1,
 * 0 at the end, -1 on a read error, or 2 for a line longer than max: line
 * holds its first max bytes and the rest up to the newline is skipped.
 */
int read_line(FILE *f, struct strbuf *line, size_t max);

/*
 * $XDG_CONFIG_HOME/saring/NAME, else $HOME/.config/saring/NAME (dies
 * when neither is set).
 */
char *config_path(const char *name);
/* Create the folders above path that are missing (mode 0700): 0, or -1 with errno. */
int mkdir_parents(const char *path);

/* 64-bit FNV-1a hash of n bytes. */
uint64_t hash64(const void *p, size_t n);

#endif
