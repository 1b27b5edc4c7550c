/*
 * anon.h: what --anonymize does to a chat: senders become pseudonyms that
 * cannot be undone, phone numbers and e-mail addresses in text are masked.
 *
 * A pseudonym is "anon-" and 16 base32 letters (80 bits) of BLAKE2b keyed
 * with a 32-byte key (libsodium's crypto_generichash): without the key,
 * known (name, pseudonym) pairs and a member list give nothing to test
 * names against. The key is random and lives only in memory, unless a key
 * file is given (read, or created mode 0600), for pseudonyms that stay the
 * same across runs.
 *
 * Ownership: anon_mask() returns memory for the caller to free().
 */
#ifndef SARING_ANON_H
#define SARING_ANON_H

#include <stddef.h>

#include "util.h"

#define ANON_KEY_BYTES 32
#define ANON_NAME_CHARS 16   /* base32 letters after "anon-" */

struct anon {
	unsigned char key[ANON_KEY_BYTES];   /* secret; wiped by anon_clear() */
};

/*
 * A random key, or the one kept in key_file (64 hex digits; a file that
 * does not exist is created, mode 0600, with a new random key). Exits with
 * status 2 for a file that holds no key, 3 when it cannot be read or made.
 */
void anon_init(struct anon *a, const char *key_file);
/* Wipe the key. */
void anon_clear(struct anon *a);
/* Append sender's pseudonym, "anon-" and ANON_NAME_CHARS base32 letters, to out. */
void anon_name(const struct anon *a, const char *sender, struct strbuf *out);
/*
 * Append the pseudonym of an export's path, "chat-" and ANON_NAME_CHARS
 * base32 letters, to out: its name holds the contact's ("WhatsApp Chat
 * with Budi Santoso.zip", and the .txt inside).
 */
void anon_file(const struct anon *a, const char *file, struct strbuf *out);

/*
 * text with phone numbers ("[nomor telepon]") and e-mail addresses
 * ("[email]") masked, whatever their shape: +62/08/(021) numbers with
 * spaces, dots, dashes or brackets between digits, full-width digits and
 * ＠, wa.me links, invisible characters (U+200B, soft hyphen, combining
 * marks) anywhere in them. Caller frees.
 */
char *anon_mask(const char *text, size_t len);

#endif
