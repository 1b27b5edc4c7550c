/*
 * chat_format.c: the table of chat formats (chat_format.h says how to add
 * one), and the questions asked of all of them: which file of an export
 * is the chat, which file a media message names.
 */
#include "chat_format.h"

#include <string.h>

#include "chat_bytes.h"
#include "util.h"

/* The chat formats, one line each: the struct of src/chat_<format>.c. */
#define CHAT_FORMATS(X) \
	X(chat_whatsapp)

#define CHAT_FORMAT_EXTERN(f) extern const struct chat_format f;
CHAT_FORMATS(CHAT_FORMAT_EXTERN)
#undef CHAT_FORMAT_EXTERN

#define CHAT_FORMAT_ENTRY(f) &f,
const struct chat_format *const chat_formats[] = { CHAT_FORMATS(CHAT_FORMAT_ENTRY) };
#undef CHAT_FORMAT_ENTRY
const size_t chat_nformats = sizeof chat_formats / sizeof *chat_formats;

int chat_file_rank(const char *path)
{
	if (!path)
		return 0;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (starts_i(path, strlen(path), "__MACOSX/") || base[0] == '.' || !ends_i(base, n, ".txt"))
		return 0;
	for (size_t k = 0; k < chat_nformats; k++)
		if (chat_formats[k]->chat_file(base, n))
			return 3;
	if (contains_i(base, n, "chat"))
		return 2;
	return 1;
}

int chat_attachment(const char *text, size_t len, int (*wanted)(const char *s, size_t n), struct strbuf *name)
{
	for (size_t k = 0; k < chat_nformats; k++)
		if (chat_formats[k]->attachment(text, len, wanted, name))
			return 1;
	return 0;
}
