/*
 * chat_zip.h: the chat .txt inside the .zip an export is shared as (with or
 * without its media), read as a stream through libarchive; the entry read
 * is the one chat_file_rank() (chat_format.c) ranks highest.
 *
 * Ownership: a chat_zip borrows the FILE it reads (stdin) and frees the
 * rest in chat_zip_close(); error strings from chat_zip_open() are the
 * caller's.
 */
#ifndef SARING_CHAT_ZIP_H
#define SARING_CHAT_ZIP_H

#include <stddef.h>
#include <stdio.h>

struct chat_zip;

/*
 * Open the zip at path, or read from in (stdin, which cannot be rewound:
 * then its first .txt entry is taken) after the npeek bytes of peek
 * already read from it; name is the input as shown in messages. Returns
 * NULL with a message in *err on failure.
 */
struct chat_zip *chat_zip_open(const char *name, const char *path, FILE *in,
			       const unsigned char *peek, size_t npeek, char **err);
/* Next inflated bytes of the chat into buf: their count, 0 at the end, -1 on error (see chat_zip_why()). */
long chat_zip_read(struct chat_zip *z, char *buf, size_t size);
/* Why the last chat_zip_read() failed; borrowed. */
const char *chat_zip_why(const struct chat_zip *z);
void chat_zip_close(struct chat_zip *z);

#endif
