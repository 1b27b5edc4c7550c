/*
 * media.h: the images attached to an exported chat: the file a media
 * message names, its bytes in the export (a .zip, or the folder the chat
 * .txt is in), and their text, read on several threads at once.
 *
 * Ownership: a media_set owns its attachments and their results, given
 * back by media_free(); the strings handed to media_add() are copied.
 */
#ifndef SARING_MEDIA_H
#define SARING_MEDIA_H

#include <stddef.h>
#include <stdint.h>

struct strbuf;

/*
 * The image file a media message names, as its chat format writes it
 * (chat_format.h's attachment; WhatsApp's: Android's
 * "IMG-20230815-WA0001.jpg (file attached)", iOS's "<attached:
 * 00000031-PHOTO-2023-08-15-10-21-33.jpg>"): a name with an image's
 * extension, not a path. Appends it to name: 1, or 0 if none.
 */
int media_image_name(const char *text, size_t len, struct strbuf *name);

/*
 * The chat .txt of a folder export (the best-named .txt in dir), in *chat
 * (the caller frees it): 0, or -1 with why in *err (the caller frees it).
 */
int media_folder_chat(const char *dir, char **chat, char **err);

enum media_status {
	MEDIA_READ,      /* text read (it may be "") */
	MEDIA_COPY,      /* the same bytes as an earlier attachment: its text, not read again */
	MEDIA_MISSING,   /* not in the export */
	MEDIA_FAILED,    /* not an image, damaged, too large: why in err */
};

struct media {
	char *name;         /* owned: the file name the chat gives */
	char *sender;       /* owned */
	char time[20];      /* ISO time of the message, or "" */
	long line;          /* the message's line in the chat */
	enum media_status status;
	char *text;         /* owned: what was read, chrome left out; NULL unless read (or a copy) */
	double confidence;
	char *err;          /* owned: why it failed, or NULL */
	uint64_t hash;      /* of the bytes, once found */
	size_t origin;      /* the attachment whose text this is: itself, or the one first read (a copy) */
};

struct media_set {
	struct media *v;    /* owned, in chat order */
	size_t n, cap;
	long read, copies, missing, failed;
};

void media_add(struct media_set *s, const char *name, const char *sender, const char *time, long line);

/*
 * Find each attachment in the export (path: a .zip, or a chat .txt whose
 * folder holds the media) and read its text, on threads engines (1 or
 * more). progress(ctx, done, total) is called on this thread now and then.
 * Returns 0, or -1 with why in *err when Tesseract cannot be loaded (the
 * attachments are then left unread).
 */
int media_read_all(struct media_set *s, const char *path, int threads,
		   void (*progress)(void *ctx, size_t done, size_t total), void *ctx, char **err);

void media_free(struct media_set *s);

#endif
