/*
 * chat.h: reading exported chats, .txt or the .zip the phone shares, in
 * the formats of chat_format.h's table (WhatsApp's "Export chat": Android
 * and iOS, any locale we know of).
 *
 * Ownership: a chat_reader owns every string it hands out in a
 * struct chat_msg; they stay valid until the next chat_next() or
 * chat_close(). The caller copies what it keeps.
 */
#ifndef SARING_CHAT_H
#define SARING_CHAT_H

#include <stddef.h>
#include <stdint.h>

#include "chat_types.h"

struct chat_msg {
	long line;            /* 1-based line of the header in the file */
	const char *time;     /* ISO 8601 "2022-10-13T16:25:00", or "" when unparsable */
	const char *sender;   /* "" for system lines without a sender */
	const char *text;     /* message text, continuation lines joined with '\n', edited marker stripped */
	size_t text_len;
	enum chat_kind kind;
	int edited;           /* the edited marker was present */
	int bad_utf8;         /* invalid UTF-8 was replaced by U+FFFD in this message */
};

struct chat_reader;

/*
 * Open path ("-" for stdin); a .zip (by content) is opened with libarchive
 * and its chat .txt read. Returns NULL with a message in *err (owned by the
 * caller) on failure.
 */
struct chat_reader *chat_open(const char *path, enum date_order order, char **err);
/* Read at most bytes of text (inflated, from a zip); past them chat_next() fails. 0: no limit. */
void chat_limit(struct chat_reader *r, uint64_t bytes);
/* Next message: 1, end: 0, read error: -1 (message via chat_error()). */
int chat_next(struct chat_reader *r, struct chat_msg *m);
const char *chat_error(const struct chat_reader *r);
/* Non-blank lines before the first header that were skipped (reported once). */
long chat_skipped_lines(const struct chat_reader *r);
void chat_close(struct chat_reader *r);

/* "text", "system", "media" or "deleted", for output formats. */
const char *chat_kind_name(enum chat_kind kind);
/* Parse "auto", "dmy", "mdy" or "ymd" (any case) into *order: 0, or -1. */
int chat_parse_date_order(const char *s, enum date_order *order);

#endif
