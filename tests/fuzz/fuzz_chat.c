/*
 * fuzz_chat.c: libFuzzer target for the WhatsApp export reader: the input
 * is written to a scratch file (a .zip when the bytes say so) and read to
 * the end with chat_next(), under the inferred date order and under one
 * forced order. Checks that messages come out in file order with valid
 * UTF-8 text and sender, a known kind, and a time that is "" or
 * YYYY-MM-DDTHH:MM:SS.
 */
#include "chat.h"
#include "fuzz.h"
#include "util.h"

static void read_all(const char *path, enum date_order order)
{
	char *err = NULL;
	struct chat_reader *r = chat_open(path, order, &err);
	if (!r) {
		FUZZ_ASSERT(err && err[0]);
		free(err);
		return;
	}
	FUZZ_ASSERT(!err);
	struct chat_msg m;
	long last = 0;
	int rc;
	while ((rc = chat_next(r, &m)) == 1) {
		FUZZ_ASSERT(m.line > last);
		last = m.line;
		FUZZ_ASSERT(m.text && strlen(m.text) == m.text_len);
		FUZZ_ASSERT(fuzz_utf8_valid(m.text, m.text_len));
		FUZZ_ASSERT(m.sender && fuzz_str_ok(m.sender));
		FUZZ_ASSERT(m.time && (m.time[0] == '\0' ||
				       (strlen(m.time) == 19 && m.time[4] == '-' && m.time[10] == 'T')));
		FUZZ_ASSERT(m.kind >= CHAT_TEXT && m.kind <= CHAT_DELETED);
		FUZZ_ASSERT(chat_kind_name(m.kind) != NULL);
	}
	FUZZ_ASSERT(rc == 0 || rc == -1);
	if (rc < 0)
		FUZZ_ASSERT(chat_error(r) && chat_error(r)[0]);
	FUZZ_ASSERT(chat_skipped_lines(r) >= 0);
	chat_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size, ".txt");
	read_all(path, DATE_AUTO);
	read_all(path, (enum date_order)(DATE_DMY + size % 3));
	return 0;
}
