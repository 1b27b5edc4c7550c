/*
 * fuzz_feed.c: libFuzzer target for what saring update makes of a server's
 * answer (src/feed.c): the first byte picks the source type (RSS/Atom,
 * ClaimReview page, WordPress, Komdigi, Yudistira, Google), the rest is the
 * body. Every record out must be one JSON object a line, with valid UTF-8,
 * only http(s) URLs, and a label no higher than its hoax source's.
 */
#include <jansson.h>
#include <strings.h>

#include "feed.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum source_type types[] = { SRC_RSS, SRC_PAGE, SRC_WORDPRESS, SRC_KOMDIGI, SRC_YUDISTIRA, SRC_GOOGLE };
	if (size < 1)
		return 0;
	struct source src = { (char *)"f", types[data[0] % 6], (char *)"http://x", (char *)"hoax", NULL, NULL };
	struct feed_page pg;
	char *err = NULL;
	if (feed_parse(&src, (const char *)data + 1, size - 1, &pg, &err) == 0) {
		FUZZ_ASSERT(!err);
		long lines = 0;
		for (const char *p = pg.jsonl.buf; p && *p; lines++) {
			const char *nl = strchr(p, '\n');
			FUZZ_ASSERT(nl);
			FUZZ_ASSERT(fuzz_utf8_valid(p, (size_t)(nl - p)));
			json_t *o = json_loadb(p, (size_t)(nl - p), 0, NULL);
			FUZZ_ASSERT(json_is_object(o));
			const char *url = json_string_value(json_object_get(o, "url"));
			FUZZ_ASSERT(!url || !strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8));
			const char *label = json_string_value(json_object_get(o, "label"));   /* never above the source's */
			FUZZ_ASSERT(label && (!strcmp(label, "hoax") || !strcmp(label, "factcheck")));
			json_decref(o);
			p = nl + 1;
		}
		FUZZ_ASSERT(lines == pg.records);
	} else {
		FUZZ_ASSERT(err);
	}
	free(err);
	feed_page_release(&pg);
	return 0;
}
