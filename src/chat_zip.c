/*
 * chat_zip.c: finding and reading the chat .txt of a zipped export. A zip
 * file is read twice (list the entries, then open the best-named one);
 * stdin, which cannot be rewound, gives its first .txt entry.
 */
#include "chat_zip.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "chat_bytes.h"
#include "chat_format.h"
#include "i18n.h"
#include "util.h"

#define ZIP_BLOCK 65536   /* bytes read from the zip at a time */

struct chat_zip {
	struct archive *ar;        /* positioned at the chat entry */
	FILE *in;                  /* borrowed; stdin input, else NULL */
	unsigned char peek[4];     /* bytes the caller read from in, replayed first */
	size_t npeek, peek_off;
	char *buf;                 /* owned; libarchive read-callback buffer */
};

static la_ssize_t read_cb(struct archive *a, void *data, const void **buf)
{
	struct chat_zip *z = data;
	size_t n = read_replayed(z->in, z->peek, z->npeek, &z->peek_off, z->buf, ZIP_BLOCK);
	if (n == 0 && ferror(z->in)) {
		archive_set_error(a, errno, _("read error: %s"), strerror(errno));
		return -1;
	}
	*buf = z->buf;
	return (la_ssize_t)n;
}

static struct archive *zip_new(void)
{
	struct archive *a = archive_read_new();
	if (!a) {
		fputs("saring: out of memory\n", stderr);
		exit(EXIT_SYSTEM);
	}
	archive_read_support_format_zip(a);
	return a;
}

static char *zip_error(const char *name, struct archive *a, const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	const char *msg = a ? archive_error_string(a) : NULL;
	sb_printf(&sb, "%s: %s%s%s", name, what, msg ? ": " : "", msg ? msg : "");
	return sb_detach(&sb);
}

/* The name of a zip entry, as UTF-8 when the zip says. */
static const char *entry_name(struct archive_entry *e)
{
	const char *name = archive_entry_pathname_utf8(e);
	return name ? name : archive_entry_pathname(e);
}

static struct archive *open_file(const char *name, const char *path, char **err)
{
	struct archive *a = zip_new();
	if (archive_read_open_filename(a, path, ZIP_BLOCK) != ARCHIVE_OK) {
		*err = zip_error(name, a, _("cannot open zip"));
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* The index of the best-named chat entry of the zip at path, or -1 with *err. */
static long best_entry(const char *name, const char *path, char **err)
{
	struct archive_entry *e;
	long idx = 0, best = -1;
	int rc, best_rank = 0, chats = 0;
	struct strbuf best_name = STRBUF_INIT;
	struct archive *a = open_file(name, path, err);
	if (!a)
		return -1;
	while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
		if (archive_entry_filetype(e) == AE_IFREG) {
			const char *entry = entry_name(e);
			int rank = chat_file_rank(entry);
			chats += rank >= 2;
			if (rank > best_rank) {
				best_rank = rank;
				best = idx;
				sb_reset(&best_name);
				sb_puts(&best_name, entry ? entry : "");
			}
		}
		idx++;
	}
	if (rc != ARCHIVE_EOF && best < 0) {
		*err = zip_error(name, a, _("bad zip"));
		archive_read_free(a);
		sb_release(&best_name);
		return -1;
	}
	archive_read_free(a);
	if (chats > 1)   /* two exports zipped together: say which one is read */
		warnx_(_("%s: holds %d chat exports; screening only '%s' (unzip it to screen the others)"),
		       name, chats, best_name.buf);
	sb_release(&best_name);
	if (best < 0)
		*err = zip_error(name, NULL, _("no chat .txt file in the zip"));
	return best;
}

struct chat_zip *chat_zip_open(const char *name, const char *path, FILE *in,
			       const unsigned char *peek, size_t npeek, char **err)
{
	struct chat_zip *z = xcalloc(1, sizeof *z);
	struct archive_entry *e;
	long best = -1;
	struct archive *a;
	int rc;

	if (path) {
		if ((best = best_entry(name, path, err)) < 0 || !(a = open_file(name, path, err))) {
			free(z);
			return NULL;
		}
	} else {
		z->in = in;
		z->npeek = npeek < sizeof z->peek ? npeek : sizeof z->peek;
		memcpy(z->peek, peek, z->npeek);
		z->buf = xmalloc(ZIP_BLOCK);
		a = zip_new();
		if (archive_read_open(a, z, NULL, read_cb, NULL) != ARCHIVE_OK) {
			*err = zip_error(name, a, _("cannot open zip"));
			archive_read_free(a);
			chat_zip_close(z);
			return NULL;
		}
	}
	for (long idx = 0;; idx++) {
		rc = archive_read_next_header(a, &e);
		if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
			*err = rc == ARCHIVE_EOF ?
			       zip_error(name, NULL, _("no chat .txt file in the zip")) :
			       zip_error(name, a, _("bad zip"));
			archive_read_free(a);
			chat_zip_close(z);
			return NULL;
		}
		if (path ? idx == best : (archive_entry_filetype(e) == AE_IFREG &&
					  chat_file_rank(entry_name(e)) > 0))
			break;
	}
	z->ar = a;
	return z;
}

long chat_zip_read(struct chat_zip *z, char *buf, size_t size)
{
	return (long)archive_read_data(z->ar, buf, size);
}

const char *chat_zip_why(const struct chat_zip *z)
{
	const char *msg = archive_error_string(z->ar);
	return msg ? msg : _("zip read error");
}

void chat_zip_close(struct chat_zip *z)
{
	if (!z)
		return;
	if (z->ar)
		archive_read_free(z->ar);
	free(z->buf);
	free(z);
}
