/*
 * chat_format.h: the formats of exported chats, one struct of functions
 * each, one file each (WhatsApp: src/chat_whatsapp.c), and the table of
 * them (chat_format.c). The reader (chat.c) cuts the text into lines,
 * queues messages and settles their dates; a format says which lines
 * start a message and what they hold, what kind a finished message is,
 * which file of an export is the chat and which file a media message
 * names. The reader names no format.
 *
 * Adding a chat format:
 *   1. write src/chat_<format>.c with its functions and one
 *      `const struct chat_format chat_<format>`;
 *   2. add one line X(chat_<format>) to CHAT_FORMATS in chat_format.c
 *      (in the order formats are tried: the first to take a line as a
 *      header reads the chat);
 *   3. add its fixtures to tests/chat/ and cases to tests/unit/test_chat.c.
 *
 * Ownership: formats and the table are static; a chat_header points into
 * the line it was parsed from (borrowed).
 */
#ifndef SARING_CHAT_FORMAT_H
#define SARING_CHAT_FORMAT_H

#include <stddef.h>

#include "chat_types.h"

struct strbuf;

/* What a message's header line says, pointing into the line. */
struct chat_header {
	int shape;             /* the date's shape, 0 .. nshapes-1: each shape's day/month order is inferred apart */
	int ypos;              /* where a 4-digit year is: 0 none, 1 first, 2 last (see chat_date.h) */
	int f[3];              /* the three date numbers as written (a 4-digit year plus YEAR4) */
	unsigned dmask;        /* orders under which this date is valid (date_mask()) */
	int hour, min, sec;    /* hour on the 24-hour clock */
	int ampm;              /* the time had AM/PM */
	const char *sender;    /* the sender's name, or NULL for a line without one (a notice) */
	size_t sender_len;
	const char *text;      /* the message's first line of text */
	size_t text_len;
	int mark;              /* the text began with a mark the format's classify looks at */
};

struct chat_format {
	const char *name;      /* "whatsapp" */
	int nshapes;           /* how many date shapes its headers come in */
	/* Is line s (n bytes: valid UTF-8, no line end) a message's header? 1 with *h filled, else 0. */
	int (*header)(const char *s, size_t n, struct chat_header *h);
	/* Strip the "edited" marker from the end of a message's text: 1 if it was there. */
	int (*strip_edited)(struct strbuf *text);
	/*
	 * The kind of a finished message: text s (n bytes), sender ("" when
	 * has_sender is 0), mark from its header; *state is the format's
	 * memory across one chat's messages (NULL at first; freed with free()).
	 */
	enum chat_kind (*classify)(const char *s, size_t n, const char *sender, int has_sender, int mark,
				   char **state);
	/* Is base (n bytes, the name of a .txt file) the name this format's exports give the chat? */
	int (*chat_file)(const char *base, size_t n);
	/* Append to name the first file a media message's text names that wanted accepts: 1, or 0 if none. */
	int (*attachment)(const char *text, size_t len, int (*wanted)(const char *s, size_t n), struct strbuf *name);
};

/* The formats, in the order a chat's first header line is tried (chat_format.c). */
extern const struct chat_format *const chat_formats[];
extern const size_t chat_nformats;

/*
 * How likely a file name is the chat of an export (a zip's entries, a
 * folder's files): 3 a name a format's exports give it, 2 another .txt
 * with "chat" in its name, 1 another .txt, 0 not one.
 */
int chat_file_rank(const char *path);
/* Append to name the file a media message names that wanted accepts, asking each format: 1, or 0 if none. */
int chat_attachment(const char *text, size_t len, int (*wanted)(const char *s, size_t n), struct strbuf *name);

#endif
