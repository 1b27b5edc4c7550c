/*
 * scan.h: `saring scan`'s work, one export at a time: its chat read
 * message by message into the screening engine (screen.c), a line printed
 * per message as it is read (report_scan.c), then the images it attached
 * read and screened.
 *
 * Ownership: a scan owns its screening and its key; scan_free() gives
 * them back. Paths are borrowed.
 */
#ifndef SARING_SCAN_H
#define SARING_SCAN_H

#include "anon.h"
#include "chat.h"
#include "report.h"
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

struct scan {
	struct screening sc;        /* the engine: counts, sightings */
	enum out_format format;     /* the line per message (none for OUT_HUMAN) */
	unsigned only;              /* bit per verdict printed; 0 = all */
	struct anon anon;           /* the key of the pseudonyms, with sc.anonymize */
	enum date_order order;
	int ocr;                    /* read attached images (not --no-ocr) */
	uint64_t max_text;          /* bytes of text read from one export, unzipped, at most (chat_limit) */
	int progress;               /* counts on stderr while long chats are read */
	int status;                 /* EXIT_HOAX once a hoax or an altered release was seen */
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
 * or could not be read to the end (said on stderr).
 */
int scan_export(struct scan *sc, const char *path);
void scan_free(struct scan *sc);

#endif
