/*
 * bundle.c: signed corpus bundles and the trusted keys (see bundle.h).
 * libsodium and libarchive are opened when first used (src/lazylib.c).
 */
#include "bundle.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store.h"

#define PK_BYTES crypto_sign_PUBLICKEYBYTES
#define SK_BYTES crypto_sign_SECRETKEYBYTES
#define SIG_BYTES crypto_sign_BYTES
#define HASH_BYTES 32

static int fail(char **err, const char *fmt, const char *arg)
{
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, fmt, arg);
	*err = sb_detach(&sb);
	return -1;
}

static void hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

static int nibble(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;   /* as written: lowercase */
}

/* Exactly 2n hex digits at s into b: 0, else -1. */
static int unhex(const char *s, size_t len, unsigned char *b, size_t n)
{
	if (len != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = nibble(s[2 * i]), lo = nibble(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		b[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* ---- keys ---- */

#define KEY_FILE_MAX 16384   /* a key file's bytes: a key is 150, a trusted key's sources a line */

/* Which key file, and so how it is checked before it is read (as ssh checks its own). */
enum key_file {
	KEY_SECRET,    /* a secret key: yours, and no one else may read or write it (0600) */
	KEY_PUBLIC,    /* a public key handed to trust add: any regular file */
	KEY_TRUSTED,   /* a file of the trust store: yours (or root's), no one else may write it, no link */
};

static int fail_errno(char **err, const char *path)
{
	struct strbuf m = STRBUF_INIT;
	sb_printf(&m, _("%s: %s"), path, strerror(errno));
	*err = sb_detach(&m);
	return -1;
}

/* Is a file or folder, as st says, safe to take trust from: its owner us or root, no one else writing? */
static int owned_and_unwritable(const struct stat *st)
{
	return (st->st_uid == geteuid() || st->st_uid == 0) && !(st->st_mode & 022);
}

/*
 * The text of a key file of this kind (at most KEY_FILE_MAX bytes) into
 * text, and what the file is into *st: 0, or -1 with *err.
 */
static int read_key_file(const char *path, enum key_file kind, struct strbuf *text, struct stat *st, char **err)
{
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | (kind == KEY_TRUSTED ? O_NOFOLLOW : 0));
	if (fd < 0 || fstat(fd, st) != 0) {
		int rc = fail_errno(err, path);
		if (fd >= 0)
			close(fd);
		return rc;
	}
	const char *why = !S_ISREG(st->st_mode) ? N_("%s: not a regular file; refused")
		: st->st_size > KEY_FILE_MAX ? N_("%s: too large for a key file; refused")
		: kind == KEY_TRUSTED && !owned_and_unwritable(st) ? N_("%s: owned by another user or writable by "
									"others; not trusted")
		: NULL;
	char chunk[KEY_FILE_MAX + 1];
	ssize_t got = why ? 0 : read(fd, chunk, sizeof chunk);
	close(fd);
	if (!why && got < 0)
		return fail_errno(err, path);
	if (!why && got > KEY_FILE_MAX)
		why = N_("%s: too large for a key file; refused");
	if (why)
		return fail(err, _(why), path);
	sb_add(text, chunk, (size_t)got);
	sodium_memzero(chunk, sizeof chunk);
	return 0;
}

/*
 * Read a key file "PREFIX HEX" of this kind into b (n bytes): 0, or -1
 * with *err. With sources, a trusted key's second line "for SOURCE,SOURCE"
 * gives them (owned; NULL when the file names none).
 */
static int read_key(const char *path, enum key_file kind, unsigned char *b, size_t n, char **sources, char **err)
{
	const char *prefix = kind == KEY_SECRET ? "saring-secret-key" : "saring-public-key";
	struct strbuf text = STRBUF_INIT;
	struct stat st;
	if (read_key_file(path, kind, &text, &st, err) < 0)
		return -1;
	if (!text.buf)
		sb_add(&text, "", 0);
	size_t k = strlen(prefix);
	int ok = text.len > k + 1 && !strncmp(text.buf, prefix, k) && text.buf[k] == ' ';
	if (ok) {
		const char *h = text.buf + k + 1;
		ok = unhex(h, strcspn(h, " \r\n"), b, n) == 0;
		const char *line2 = strchr(h, '\n');
		if (sources && line2 && !strncmp(line2 + 1, "for ", 4))
			*sources = xstrndup(line2 + 5, strcspn(line2 + 5, " \r\n"));
	}
	sodium_memzero(text.buf, text.len);
	sb_release(&text);
	if (!ok && sources) {
		free(*sources);
		*sources = NULL;
	}
	if (!ok)
		return fail(err, _("%s: not a saring key file of this kind"), path);
	if (kind == KEY_SECRET && st.st_uid != geteuid())
		return fail(err, _("%s: the secret key is not yours; refused"), path);
	if (kind == KEY_SECRET && (st.st_mode & 077))
		return fail(err, _("%s: others may read or write the secret key; refused (chmod 600 it)"), path);
	return 0;
}

/*
 * Write text to path (mode): a new file, never through a link (O_EXCL,
 * O_NOFOLLOW); with replace, made beside it and renamed over the old, else
 * path itself, which must not exist. 0 or -1.
 */
static int write_text(const char *path, const char *text, size_t n, mode_t mode, int replace, char **err)
{
	struct strbuf tmp = STRBUF_INIT;
	sb_printf(&tmp, replace ? "%s.tmp" : "%s", path);
	if (replace)
		unlink(tmp.buf);   /* a leftover, or a link planted there: the name only */
	int fd = open(tmp.buf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
	int ok = fd >= 0 && write(fd, text, n) == (ssize_t)n;
	ok = (fd >= 0 && close(fd) == 0) && ok && (!replace || rename(tmp.buf, path) == 0);
	if (!ok) {
		struct strbuf m = STRBUF_INIT;
		sb_printf(&m, _("%s: %s"), path, strerror(errno));
		*err = sb_detach(&m);
		if (fd >= 0)   /* ours: never a file that was there */
			unlink(tmp.buf);
	}
	sb_release(&tmp);
	return ok ? 0 : -1;
}

int trust_keygen(const char *path, char **err)
{
	unsigned char pk[PK_BYTES], sk[SK_BYTES];
	char hpk[2 * PK_BYTES + 1], hsk[2 * SK_BYTES + 1];
	crypto_sign_keypair(pk, sk);
	hex(pk, PK_BYTES, hpk);
	hex(sk, SK_BYTES, hsk);
	sodium_memzero(sk, sizeof sk);
	struct strbuf name = STRBUF_INIT, text = STRBUF_INIT;
	sb_printf(&name, "%s.key", path);
	sb_printf(&text, "saring-secret-key %s\n", hsk);
	sodium_memzero(hsk, sizeof hsk);
	struct stat st;
	int rc = -1;
	if (lstat(name.buf, &st) == 0)
		fail(err, _("%s: exists already; not overwritten"), name.buf);
	else
		rc = write_text(name.buf, text.buf, text.len, 0600, 0, err);
	sodium_memzero(text.buf, text.len);
	if (rc == 0) {
		sb_reset(&name);
		sb_reset(&text);
		sb_printf(&name, "%s.pub", path);
		sb_printf(&text, "saring-public-key %s\n", hpk);
		rc = write_text(name.buf, text.buf, text.len, 0644, 1, err);
	}
	sb_release(&name);
	sb_release(&text);
	return rc;
}

/* Is source one of sources (comma-separated)? */
static int is_among(const char *sources, const char *source)
{
	size_t n = strlen(source);
	for (const char *p = sources; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, source, n) && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

const char *trust_sources_check(const char *sources)
{
	if (!sources || !*sources || *sources == ',' || sources[strlen(sources) - 1] == ',' || strstr(sources, ",,"))
		return N_("--for wants the sources the key may write, as SOURCE[,SOURCE...]");
	for (const char *p = sources; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p > '~')
			return N_("a source in --for is written in ASCII letters, digits and punctuation");
	return NULL;
}

int trust_add(const char *keyfile, const char *sources, char **id, char **err)
{
	unsigned char pk[PK_BYTES];
	if (read_key(keyfile, KEY_PUBLIC, pk, PK_BYTES, NULL, err) < 0)
		return -1;
	char h[2 * PK_BYTES + 1];
	hex(pk, PK_BYTES, h);
	char *dir = config_path("trusted");
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	sb_printf(&path, "%s/%.16s.pub", dir, h);
	sb_printf(&text, "saring-public-key %s\nfor %s\n", h, sources);
	int rc = mkdir_parents(path.buf) < 0 ? fail(err, _("%s: cannot create the folder"), dir)
					     : write_text(path.buf, text.buf, text.len, 0644, 1, err);
	if (rc == 0)
		*id = xstrndup(h, 16);
	free(dir);
	sb_release(&path);
	sb_release(&text);
	return rc;
}

/* A trusted key as its file in the trust store holds it. */
struct trusted_key {
	const char *file;                 /* borrowed */
	unsigned char pk[PK_BYTES];
	char h[2 * PK_BYTES + 1];         /* pk in hex */
	char *sources;                    /* owned: the sources its bundles may write, comma-separated; NULL: none */
};

/* Call fn for each trusted key; stop when fn returns non-zero. */
static int each_trusted(int (*fn)(void *ctx, const struct trusted_key *k), void *ctx)
{
	char *dir = config_path("trusted");
	DIR *d = opendir(dir);
	struct stat st;
	if (d && (fstat(dirfd(d), &st) != 0 || !owned_and_unwritable(&st))) {
		warnx_(_("%s: owned by another user or writable by others; no key in it is trusted"), dir);
		closedir(d);
		d = NULL;
	}
	int stop = 0;
	struct dirent *e;
	while (d && !stop && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".pub"))
			continue;
		struct strbuf path = STRBUF_INIT;
		sb_printf(&path, "%s/%s", dir, e->d_name);
		struct trusted_key k = { .file = path.buf };
		char *err = NULL;
		if (read_key(path.buf, KEY_TRUSTED, k.pk, PK_BYTES, &k.sources, &err) == 0) {
			hex(k.pk, PK_BYTES, k.h);
			stop = fn(ctx, &k);
		} else {
			warnx_("%s", err);
		}
		free(k.sources);
		free(err);
		sb_release(&path);
	}
	if (d)
		closedir(d);
	free(dir);
	return stop;
}

static int print_key(void *ctx, const struct trusted_key *k)
{
	fprintf(ctx, "%.16s %s %s\n", k->h, k->h, k->sources ? k->sources : "-");
	return 0;
}

void trust_list(FILE *out)
{
	each_trusted(print_key, out);
}

struct removal {
	const char *id;
	int removed;
	char **err;
};

static int remove_key(void *ctx, const struct trusted_key *k)
{
	struct removal *r = ctx;
	if (strncmp(k->h, r->id, strlen(r->id)))
		return 0;
	if (unlink(k->file) != 0) {
		r->removed = fail(r->err, _("%s: cannot remove"), k->file);
		return 1;
	}
	r->removed = 1;
	return 1;
}

int trust_remove(const char *id, char **err)
{
	if (strlen(id) < 8)
		return fail(err, _("'%s': give at least 8 digits of the key"), id);
	struct removal r = { id, 0, err };
	each_trusted(remove_key, &r);
	return r.removed;
}

struct trusted {
	const unsigned char *pk;
	int found;
	char *sources;   /* owned: the found key's sources, or NULL */
};

static int is_key(void *ctx, const struct trusted_key *k)
{
	struct trusted *t = ctx;
	t->found = !memcmp(k->pk, t->pk, PK_BYTES);
	if (t->found && k->sources)
		t->sources = xstrdup(k->sources);
	return t->found;
}

/* ---- the payload: gzip through libarchive ---- */

static la_ssize_t to_strbuf(struct archive *a, void *ctx, const void *buf, size_t n)
{
	(void)a;
	sb_add(ctx, buf, n);
	return (la_ssize_t)n;
}

static int gzip(const char *s, size_t n, struct strbuf *out)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, "corpus.jsonl");
	archive_entry_set_filetype(e, AE_IFREG);
	int ok = archive_write_add_filter_gzip(a) == ARCHIVE_OK && archive_write_set_format_raw(a) == ARCHIVE_OK &&
		 archive_write_open(a, out, NULL, to_strbuf, NULL) == ARCHIVE_OK &&
		 archive_write_header(a, e) == ARCHIVE_OK;
	for (size_t at = 0; ok && at < n;) {
		la_ssize_t w = archive_write_data(a, s + at, n - at);
		ok = w > 0;
		at += ok ? (size_t)w : 0;
	}
	ok = archive_write_close(a) == ARCHIVE_OK && ok;
	archive_write_free(a);
	archive_entry_free(e);
	return ok ? 0 : -1;
}

/* Decompress at most max bytes; more is an error. 0 or -1 with *err. */
static int gunzip(const char *name, const char *s, size_t n, size_t max, struct strbuf *out, char **err)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int ok = archive_read_support_filter_gzip(a) == ARCHIVE_OK && archive_read_support_format_raw(a) == ARCHIVE_OK &&
		 archive_read_open_memory(a, s, n) == ARCHIVE_OK && archive_read_next_header(a, &e) == ARCHIVE_OK;
	char buf[65536];
	la_ssize_t r = 0;
	while (ok && (r = archive_read_data(a, buf, sizeof buf)) > 0) {
		if (out->len + (size_t)r > max) {
			archive_read_free(a);
			return fail(err, _("%s: the payload unpacks to more than its manifest says; refused"), name);
		}
		sb_add(out, buf, (size_t)r);
	}
	if (!ok || r < 0) {
		struct strbuf m = STRBUF_INIT;
		sb_printf(&m, _("%s: the payload is not gzip: %s"), name, archive_error_string(a) ? archive_error_string(a) : "?");
		*err = sb_detach(&m);
		archive_read_free(a);
		return -1;
	}
	archive_read_free(a);
	return 0;
}

/* ---- bundles ---- */

int bundle_is(const char *data, size_t n)
{
	return n >= strlen(BUNDLE_MAGIC) && !memcmp(data, BUNDLE_MAGIC, strlen(BUNDLE_MAGIC));
}

int bundle_write(const char *path, const char *jsonl, size_t n, long docs, const char *keyfile, char **err)
{
	unsigned char sk[SK_BYTES], hash[HASH_BYTES], sig[SIG_BYTES];
	if (keyfile && read_key(keyfile, KEY_SECRET, sk, SK_BYTES, NULL, err) < 0)
		return -1;
	struct strbuf payload = STRBUF_INIT, out = STRBUF_INIT;
	if (gzip(jsonl, n, &payload) < 0) {
		sb_release(&payload);
		return fail(err, _("%s: cannot compress the corpus"), path);
	}
	crypto_generichash(hash, HASH_BYTES, (const unsigned char *)payload.buf, payload.len, NULL, 0);
	char hhash[2 * HASH_BYTES + 1], hpk[2 * PK_BYTES + 1] = "", when[21];
	hex(hash, HASH_BYTES, hhash);
	if (keyfile)
		hex(sk + SK_BYTES - PK_BYTES, PK_BYTES, hpk);   /* libsodium keeps the public key in the secret key's end */
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_t *m = json_pack("{si ss sI sI sI ss ss}", "format", 1, "created", when, "documents", (json_int_t)docs,
			      "bytes", (json_int_t)payload.len, "size", (json_int_t)n, "blake2b", hhash, "key", hpk);
	char *manifest = json_dumps(m, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(m);
	sb_puts(&out, BUNDLE_MAGIC);
	sb_puts(&out, manifest);
	sb_putc(&out, '\n');
	free(manifest);
	if (keyfile) {
		crypto_sign_detached(sig, NULL, (const unsigned char *)out.buf, out.len, sk);
		sodium_memzero(sk, sizeof sk);
		char hsig[2 * SIG_BYTES + 1];
		hex(sig, SIG_BYTES, hsig);
		sb_printf(&out, "signature %s\n", hsig);
	} else {
		sb_puts(&out, "unsigned\n");
	}
	sb_add(&out, payload.buf, payload.len);
	int rc = write_text(path, out.buf, out.len, 0644, 1, err);
	sb_release(&payload);
	sb_release(&out);
	return rc;
}

void bundle_signer_release(struct bundle_signer *b)
{
	for (size_t i = 0; i < b->nsources; i++)
		free(b->sources[i]);
	free(b->sources);
	memset(b, 0, sizeof *b);
}

/*
 * The distinct sources of the records in jsonl, into b: 0, or -1 with
 * *err when a record names none or one not among the sources the key is
 * trusted for (so the distinct ones are at most those).
 */
static int record_sources(const char *name, const struct strbuf *jsonl, const char *trusted_for,
			  struct bundle_signer *b, char **err)
{
	size_t cap = 0;
	long line = 0;
	for (const char *p = jsonl->buf, *end = jsonl->buf + jsonl->len; p && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		line++;
		json_t *rec = json_loadb(p, nl ? (size_t)(nl - p) : (size_t)(end - p), 0, NULL);
		const char *source = json_string_value(json_object_get(rec, "source"));
		size_t i = 0;
		while (source && i < b->nsources && strcmp(b->sources[i], source))
			i++;
		if (!source || (i == b->nsources && !is_among(trusted_for, source))) {
			struct strbuf m = STRBUF_INIT;
			sb_printf(&m, _("%s: record %ld: source '%s' is not one that key %.16s is trusted for "
					"(saring trust add KEYFILE --for SOURCE,...); refused"), name, line,
				  source ? source : "", b->key);
			*err = sb_detach(&m);
			json_decref(rec);
			return -1;
		}
		if (i == b->nsources) {
			xgrow((void **)&b->sources, &cap, b->nsources + 1, sizeof *b->sources);
			b->sources[b->nsources++] = xstrdup(source);
		}
		json_decref(rec);
		p = nl ? nl + 1 : NULL;
	}
	return 0;
}

int bundle_accept(struct store *st, const char *name, const struct bundle_signer *signer, char **err)
{
	for (size_t i = 0; *signer->key && i < signer->nsources; i++) {
		char *newest = NULL;
		if (store_bundle_get(st, signer->key, signer->sources[i], &newest) < 0)
			return fail(err, _("database error: %s"), store_errmsg(st));
		int older = newest && strcmp(signer->created, newest) < 0;
		if (older) {
			struct strbuf m = STRBUF_INIT;
			sb_printf(&m, _("%s: created %s, before the bundle of %s from key %.16s already taken (created %s): "
					"an old bundle replayed; refused"), name, signer->created, signer->sources[i],
				  signer->key, newest);
			*err = sb_detach(&m);
		}
		free(newest);
		if (older)
			return -1;
		if (store_bundle_put(st, signer->key, signer->sources[i], signer->created) < 0)
			return fail(err, _("database error: %s"), store_errmsg(st));
	}
	return 0;
}

/* Is s an ISO 8601 UTC time as bundle_write() writes it (2026-12-08T04:05:06Z)? */
static int is_utc_time(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	if (!s || strlen(s) != sizeof shape - 1)
		return 0;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
			return 0;
	return 1;
}

/* The integer at key in the manifest, or -1. */
static long long manifest_int(const json_t *m, const char *key)
{
	const json_t *v = json_object_get(m, key);
	return json_is_integer(v) && json_integer_value(v) >= 0 ? json_integer_value(v) : -1;
}

int bundle_open(const char *name, const char *data, size_t n, int insecure, struct strbuf *jsonl,
		struct bundle_signer *signer, char **err)
{
	memset(signer, 0, sizeof *signer);
	if (!bundle_is(data, n))
		return fail(err, _("%s: not a saring bundle"), name);
	size_t at = strlen(BUNDLE_MAGIC);
	const char *nl = memchr(data + at, '\n', n - at);
	if (!nl)
		return fail(err, _("%s: a bundle without its manifest"), name);
	size_t signed_len = (size_t)(nl - data) + 1;
	const char *sigline = data + signed_len;
	const char *nl2 = memchr(sigline, '\n', n - signed_len);
	if (!nl2)
		return fail(err, _("%s: a bundle without its signature line"), name);
	size_t siglen = (size_t)(nl2 - sigline);
	const char *payload = nl2 + 1;
	size_t plen = n - (size_t)(payload - data);
	json_t *m = json_loadb(data + at, signed_len - at - 1, 0, NULL);
	const char *hkey = m ? json_string_value(json_object_get(m, "key")) : NULL;
	const char *hhash = m ? json_string_value(json_object_get(m, "blake2b")) : NULL;
	const char *created = m ? json_string_value(json_object_get(m, "created")) : NULL;
	long long bytes = m ? manifest_int(m, "bytes") : -1, size = m ? manifest_int(m, "size") : -1;
	unsigned char pk[PK_BYTES], hash[HASH_BYTES], got[HASH_BYTES], sig[SIG_BYTES];
	struct trusted t = { pk, 0, NULL };
	int rc = -1;
	if (!m || !hhash || unhex(hhash, strlen(hhash), hash, HASH_BYTES) < 0 || bytes < 0 || size < 0 ||
	    !is_utc_time(created)) {
		fail(err, _("%s: the bundle's manifest is damaged; refused"), name);
		goto out;
	}
	int is_signed = siglen > 10 && !memcmp(sigline, "signature ", 10);
	if (is_signed) {
		if (!hkey || unhex(hkey, strlen(hkey), pk, PK_BYTES) < 0 ||
		    unhex(sigline + 10, siglen - 10, sig, SIG_BYTES) < 0 ||
		    crypto_sign_verify_detached(sig, (const unsigned char *)data, signed_len, pk) != 0) {
			fail(err, _("%s: bad signature: the bundle was changed after it was signed, or is damaged; refused"), name);
			goto out;
		}
		each_trusted(is_key, &t);
		if (!t.found && !insecure) {
			struct strbuf msg = STRBUF_INIT;
			sb_printf(&msg, _("%s: signed by key %.16s, which you do not trust (saring trust add KEYFILE --for SOURCE,...); refused"),
				  name, hkey);
			*err = sb_detach(&msg);
			goto out;
		}
		if (!t.found)
			warnx_(_("%s: signed by key %.16s, which you do not trust; opened anyway (--insecure)"), name, hkey);
		hex(pk, PK_BYTES, signer->key);
		memcpy(signer->created, created, sizeof signer->created);
		signer->trusted = t.found;
	} else if (siglen == 8 && !memcmp(sigline, "unsigned", 8)) {
		if (!insecure) {
			fail(err, _("%s: the bundle is not signed; refused (--insecure opens it anyway)"), name);
			goto out;
		}
		warnx_(_("%s: the bundle is not signed; opened anyway (--insecure)"), name);
	} else {
		fail(err, _("%s: the bundle's signature line is damaged; refused"), name);
		goto out;
	}
	crypto_generichash(got, HASH_BYTES, (const unsigned char *)payload, plen, NULL, 0);
	if ((long long)plen != bytes || memcmp(got, hash, HASH_BYTES)) {
		fail(err, _("%s: the payload does not match its manifest (changed or cut short); refused"), name);
		goto out;
	}
	if ((size_t)size > BUNDLE_MAX_SIZE) {
		fail(err, _("%s: the bundle unpacks to more than saring reads at once; refused"), name);
		goto out;
	}
	rc = gunzip(name, payload, plen, (size_t)size, jsonl, err);
	if (rc == 0 && signer->trusted)
		rc = record_sources(name, jsonl, t.sources, signer, err);
out:
	free(t.sources);
	json_decref(m);
	return rc;
}
