/*
 * bundle.h: corpus bundles an office can sign and a volunteer can trust.
 *
 * A bundle is the corpus as saring's JSON Lines, gzip-compressed
 * (libarchive), after a two-line text header:
 *
 *   saring-bundle 1
 *   {"format":1,"created":...,"documents":N,"bytes":B,"size":S,"blake2b":"...","key":"..."}
 *   signature HEX128            (or "unsigned")
 *   <B bytes: gzip of S bytes of JSON Lines>
 *
 * The manifest (the second line) names the payload's BLAKE2b-256 hash and
 * the signer's Ed25519 public key; the signature (libsodium) covers the
 * first two lines, so it covers the payload through its hash. Opening a
 * bundle checks, before anything is decompressed, that the signature is
 * good and made by a trusted key, then the hash, then decompresses at
 * most the manifest's size (and BUNDLE_MAX_SIZE).
 *
 * Keys: a secret key file is "saring-secret-key HEX128" (mode 0600), a
 * public key file "saring-public-key HEX64"; trusted public keys live in
 * $XDG_CONFIG_HOME/saring/trusted/, one file each, named by the key's
 * first 16 hex digits, with a second line "for SOURCE,SOURCE": the
 * sources whose documents its bundles may write (none without it).
 *
 * Ownership: *err messages are the caller's to free.
 */
#ifndef SARING_BUNDLE_H
#define SARING_BUNDLE_H

#include <stddef.h>

#include "util.h"

#define BUNDLE_MAGIC "saring-bundle 1\n"
#define BUNDLE_MAX_SIZE ((size_t)512 << 20)   /* JSON Lines a bundle may unpack to */

struct store;

/* What an opened bundle's signature vouches for (bundle_open() fills it; bundle_signer_release() frees it). */
struct bundle_signer {
	char key[65];            /* the signer's public key in hex; "" when the bundle is unsigned */
	char created[21];        /* the manifest's signed creation time, ISO 8601 UTC; "" when unsigned */
	int trusted;             /* signed by a trusted key, so its records are of sources the key may write */
	char **sources;          /* owned, with their strings: the distinct sources of a trusted bundle's records */
	size_t nsources;
};
void bundle_signer_release(struct bundle_signer *b);

/* Do the n bytes at data start like a bundle? */
int bundle_is(const char *data, size_t n);
/*
 * Check and unpack a bundle (name for messages) into *jsonl, and who
 * signed it into *signer: 0, or -1 with *err. A bundle signed by a trusted
 * key is refused when a record names no source or one the key is not
 * trusted for. insecure: an unsigned bundle, or one signed by a key not
 * trusted, is opened anyway, with a warning (a bad signature or hash never
 * is); its records are not checked, and it must never replace a document.
 */
int bundle_open(const char *name, const char *data, size_t n, int insecure, struct strbuf *jsonl,
		struct bundle_signer *signer, char **err);
/*
 * Inside the caller's write transaction, before it commits a bundle's
 * documents: refuse a bundle created before the newest one st took from
 * the same key for any of its sources (a rollback), else keep its time as
 * that newest. 0, or -1 with *err. An unsigned bundle has nothing to keep.
 */
int bundle_accept(struct store *st, const char *name, const struct bundle_signer *signer, char **err);
/* Write jsonl (docs records) as a bundle to path, signed with the secret key file (NULL: unsigned). 0 or -1. */
int bundle_write(const char *path, const char *jsonl, size_t n, long docs, const char *keyfile, char **err);

/* Make a key pair: path.key (secret, 0600) and path.pub. 0 or -1. */
int trust_keygen(const char *path, char **err);
/* Are sources (SOURCE[,SOURCE...], as --for gives them) fit for a trusted key? NULL, or why not (untranslated). */
const char *trust_sources_check(const char *sources);
/*
 * Trust the public key in keyfile for the documents of sources (checked
 * with trust_sources_check()), in place of any it was trusted for: 0, or
 * -1. *id gets its id (16 hex digits; caller frees).
 */
int trust_add(const char *keyfile, const char *sources, char **id, char **err);
/* Forget a trusted key by id (or its first digits): 1 removed, 0 none, -1 error. */
int trust_remove(const char *id, char **err);
/* Print the trusted keys, one "ID HEX64 SOURCE,SOURCE" a line ("-" for a key trusted for none). */
void trust_list(FILE *out);

#endif
