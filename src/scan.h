/*
 * scan.h: screening a chat, the use case behind `saring scan` and the
 * chat upload of `saring serve`, one export at a time: its chat read
 * message by message into the screening engine (screen.c), each screened
 * message handed to the caller's function as it is read (report_scan.c
 * prints a line), then the images it attached read and screened. What
 * people are shown is the renderers' (report_scan.c, web.c).
 *
 * Ownership: a scan owns its screening and its key; scan_free() gives
 * them back. Paths and the callback's context are borrowed.
 */
#ifndef SARING_SCAN_H
#define SARING_SCAN_H

#include "anon.h"
#include <stdint.h>

#include "chat.h"
#include "screen.h"

/* Messages with fewer words are counted, not screened: scan --min-words and the web upload. */
#define SCAN_MIN_WORDS 4
/*
 * Megabytes of chat text read from one export at most, after unzipping
 * (--max-text): a zip bomb of 1 GB took 106 s to screen; 128 MB is some
 * 13 s, and a chat of many years' messages is a few tens of MB.
 */
#define SCAN_TEXT_MAX_MB 128

/* Images attached to the scanned chats, by what became of them. */
struct scan_images {
	long attached, read, copies, missing, failed;
};

struct scan;

/*
 * A screened message of the chat in file (image: the attached image its
 * text was read from, or NULL), seen as s: render it. The pointers are
 * valid for the call only.
 */
typedef void scan_seen_fn(void *ctx, const struct scan *sc, const char *file, const struct chat_msg *msg,
			  const struct sighting *s, const char *image);

/* How the last export's reading ended. */
enum scan_end {
	SCAN_WHOLE,      /* read to its end (or its text limit) */
	SCAN_NOT_CHAT,   /* no chat export: not opened */
	SCAN_LATE,       /* stopped after max_seconds */
	SCAN_BROKEN,     /* could not be read to the end */
};

struct scan {
	struct screening sc;        /* the engine: counts, sightings */
	struct anon anon;           /* the key of the pseudonyms, with sc.anonymize */
	enum date_order order;
	int ocr;                    /* read attached images (not --no-ocr) */
	int progress;               /* counts on stderr while long chats are read */
	int quiet;                  /* nothing said on stderr (the web page says it its own way) */
	uint64_t max_text;          /* bytes of text read of one export, unzipped, at most (chat_limit()), 0: all */
	int max_seconds;            /* a chat's screening stops after this long, 0: never */
	scan_seen_fn *seen;         /* each screened message, or NULL */
	void *ctx;                  /* passed to seen */
	int status;                 /* EXIT_HOAX once a hoax or an altered release was seen */
	enum scan_end end;          /* the last export's */
	struct scan_images images;  /* all chats */
};

/*
 * Ready sc (its options set) to screen with matcher m; with anonymize,
 * senders become pseudonyms under the key in key_file (as for anon_init()).
 */
void scan_init(struct scan *sc, struct matcher *m, long min_words, int anonymize, const char *key_file);
/*
 * Screen the export at path (a chat .txt or .zip, a folder export, "-"
 * for stdin). Returns EXIT_CLEAN, or EXIT_USAGE when it was no chat export
 * or could not be read to the end (said on stderr unless quiet; sc->end
 * says which).
 */
int scan_export(struct scan *sc, const char *path);
void scan_free(struct scan *sc);

#endif
