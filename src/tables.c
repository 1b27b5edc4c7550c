/* tables.c: parse the built-in data tables. */
#include "tables.h"

#include <string.h>

#include "util.h"

/* Call fn for each non-comment, non-blank line of text, without its newline. */
static void each_line(const char *text, struct hmap *m, int pairs)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		while (len && (p[len - 1] == '\r' || p[len - 1] == ' '))
			len--;
		if (len && p[0] != '#') {
			const char *tab = pairs ? memchr(p, '\t', len) : NULL;
			if (!pairs) {
				hmap_put(m, p, len, NULL);
			} else if (tab) {
				int isnew;
				struct hmap_entry *e = hmap_put(m, p, (size_t)(tab - p), &isnew);
				if (isnew)
					e->val.ptr = xstrndup(tab + 1, len - (size_t)(tab - p) - 1);
			}
		}
		if (!nl)
			break;
		p = nl + 1;
	}
}

void table_load_pairs(const char *text, struct hmap *m)
{
	each_line(text, m, 1);
}

void table_load_set(const char *text, struct hmap *m)
{
	each_line(text, m, 0);
}
