/*
 * feed_bundle.c: the source kind "bundle": a signed saring bundle
 * (bundle.c), one answer that is all the source's records; not a web page,
 * so neither its content type nor an error page is looked at.
 */
#include "bundle.h"
#include "feed_kind.h"
#include "sources.h"

#define BUNDLE_MAX_BYTES (64 << 20)   /* a bundle's compressed body */

static int bundle_unpack(const struct source *src, const char *body, size_t n, int insecure, struct strbuf *jsonl,
			 struct bundle_signer *signer, char **err)
{
	return bundle_open(src->name, body, n, insecure, jsonl, signer, err);
}

const struct feed_kind feed_bundle = {
	.name = "bundle",
	.default_label = "hoax",
	.max_bytes = BUNDLE_MAX_BYTES,
	.unpack = bundle_unpack,
};
