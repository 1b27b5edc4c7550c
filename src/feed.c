/*
 * feed.c: parsing what sources send into saring's JSON Lines records
 * (see feed.h): the table of source kinds (FEED_KINDS in feed_kind.h),
 * and feed_parse(), which hands a body to its source's kind. What the
 * kinds share is feed_record.c's.
 */
#include "feed.h"

#include <stdlib.h>
#include <string.h>

#include "feed_kind.h"
#include "i18n.h"

#define FEED_KIND_ENTRY(e, k) [e] = &k,
const struct feed_kind *const feed_kinds[NSOURCE_TYPES] = { FEED_KINDS(FEED_KIND_ENTRY) };
#undef FEED_KIND_ENTRY

int feed_parse(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err)
{
	memset(pg, 0, sizeof *pg);
	*err = NULL;
	const struct feed_kind *kind = feed_kinds[src->type];
	if (!kind->parse) {
		*err = xstrdup(_("not a feed type"));
		return -1;
	}
	int rc = kind->parse(src, body, n, pg, err);
	if (rc == 0 && pg->dropped) {
		struct strbuf m = STRBUF_INIT;
		sb_printf(&m, _("more than %d records in one answer; not read"), FEED_MAX_RECORDS);
		*err = sb_detach(&m);
		return -1;
	}
	return rc;
}

void feed_page_release(struct feed_page *pg)
{
	sb_release(&pg->jsonl);
	free(pg->next_token);
	memset(pg, 0, sizeof *pg);
}
