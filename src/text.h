/*
 * text.h: the first stage of the text pipeline. Any bytes in; raw words
 * out, each NFKC-normalized and case-folded (utf8proc) and remembering its
 * byte span in the input.
 *
 * Invalid UTF-8 becomes U+FFFD (a separator) and is reported through the
 * warn callback with its line number; NUL bytes are spaces; a BOM is
 * dropped. URLs become their host, e-mail addresses and phone numbers
 * become placeholders, numbers are canonical ("1.500.000" -> "1500000",
 * "1,5" -> "1.5"), "50%" gives "50" "persen", emoji and punctuation are
 * dropped, "#tag" and "@name" keep the word.
 *
 * Ownership: the word passed to the callback is borrowed for the call.
 */
#ifndef SARING_TEXT_H
#define SARING_TEXT_H

#include <stddef.h>
#include <stdint.h>

enum word_kind {
	WORD_PLAIN,   /* letters, possibly with digits (covid19, h0ax, anak2) */
	WORD_NUMBER,  /* canonical number: digits, at most one '.' */
	WORD_URL,     /* a URL reduced to its host */
	WORD_EMAIL,   /* placeholder "@email" */
	WORD_PHONE,   /* a phone number: 62 and its digits */
};

struct word {
	const char *text;    /* folded text, NUL-terminated; borrowed */
	size_t len;
	size_t start, end;   /* byte span in the input */
	enum word_kind kind;
};

/* Return non-zero to stop the scan. */
typedef int (*word_fn)(void *ctx, const struct word *w);
/* Told of each line holding invalid UTF-8 (first bad byte), once per line. */
typedef void (*utf8_warn_fn)(void *ctx, long line, unsigned char byte);

/* Scan s[0..n) and call fn for each raw word. */
void text_scan(const char *s, size_t n, word_fn fn, void *ctx,
		utf8_warn_fn warn, void *wctx);

/* Where a piece of text came from, for messages. */
struct text_where {
	const char *file;  /* name as the user gave it; borrowed */
	long line;         /* line in the file where the text starts */
};
/* A utf8_warn_fn: "saring CMD: FILE:LINE: invalid UTF-8 (byte 0xC3), replaced". */
void text_warn_utf8(void *where, long line, unsigned char byte);

/*
 * Copy s[0..n) to out as valid UTF-8: invalid sequences become U+FFFD,
 * NUL bytes become spaces. Returns the number of replacements.
 */
struct strbuf;
size_t utf8_sanitize(const char *s, size_t n, struct strbuf *out);

/*
 * The length of the valid UTF-8 sequence at s (n >= 1 bytes left): 1 to
 * 4, or 0 when it is none (overlong forms, surrogates and code points
 * past U+10FFFF are none). Every UTF-8 check in saring is this one.
 */
size_t utf8_char_len(const char *s, size_t n);
/* How many bytes at the start of s[0..n) are valid UTF-8 (n: all; else where the first bad byte is). */
size_t utf8_valid_len(const char *s, size_t n);
/* Is s[0..n) valid UTF-8? */
int utf8_valid(const char *s, size_t n);
/* Append code point cp to out as UTF-8. */
void utf8_put(struct strbuf *out, uint32_t cp);
/*
 * Copy s[0..n) to out as UTF-8: valid UTF-8 sequences stay as they are,
 * and every other byte is read as Windows-1252 (lossy: as U+FFFD instead).
 */
void utf8_repair(struct strbuf *out, const char *s, size_t n, int lossy);
/* Append UTF-16 (after its byte order mark; big-endian when big) to out as UTF-8; bad units become U+FFFD. */
void utf16_to_utf8(struct strbuf *out, const unsigned char *s, size_t n, int big);

/* ASCII classes, the same for every reader whatever the locale. */
static inline int ascii_digit(int c) { return c >= '0' && c <= '9'; }
static inline int ascii_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
/* Space, TAB, LF, CR, VT, FF. */
static inline int ascii_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

#endif
