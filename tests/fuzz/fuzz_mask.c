/*
 * fuzz_mask.c: libFuzzer target for --anonymize masking (anon_mask()) and
 * the terminal-safe output filter (sb_add_visible()). Masking keeps valid
 * UTF-8 valid, finds nothing more to mask in its own output, and leaves
 * text without digits or '@' alone; the filter's output is valid UTF-8
 * with no control byte but newline and tab.
 */
#include "anon.h"
#include "fuzz.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *once = anon_mask(s, size);
	size_t n = strlen(once);
	if (fuzz_utf8_valid(s, size) && !memchr(s, '\0', size))
		FUZZ_ASSERT(fuzz_utf8_valid(once, n));
	char *twice = anon_mask(once, n);
	FUZZ_ASSERT(!strcmp(once, twice));
	free(twice);
	free(once);

	struct strbuf out = STRBUF_INIT;
	sb_add_visible(&out, s, size, 1);
	FUZZ_ASSERT(fuzz_utf8_valid(out.buf, out.len));
	for (size_t i = 0; i < out.len; i++) {
		unsigned char c = (unsigned char)out.buf[i];
		FUZZ_ASSERT(c >= 0x20 || c == '\n' || c == '\t');
		FUZZ_ASSERT(c != 0x7F && !(c == 0xC2 && i + 1 < out.len && (unsigned char)out.buf[i + 1] < 0xA0));
	}
	sb_release(&out);
	return 0;
}
