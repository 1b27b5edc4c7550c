/* test_text.c: the text pipeline, stage by stage, table-driven. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "text.h"
#include "util.h"
#include "t.h"

static struct pipeline *pl;   /* the pipeline every test runs text through (made in main) */

static int collect(void *ctx, const struct token *t)
{
	struct strbuf *sb = ctx;
	if (sb->len)
		sb_putc(sb, ' ');
	sb_add(sb, t->text, t->len);
	return 0;
}

static char *run(const char *in, unsigned opts)
{
	struct strbuf sb = STRBUF_INIT;
	norm_text(pl, in, strlen(in), opts, collect, &sb, NULL, NULL);
	return sb_detach(&sb);
}

struct tcase {
	const char *in;
	const char *want;
};

static void table(const struct tcase *c, size_t n, unsigned opts)
{
	for (size_t i = 0; i < n; i++) {
		char *got = run(c[i].in, opts);
		CHECK_STR(got, c[i].want);
		free(got);
	}
}

/* Unicode: NFKC, case folding, styled letters, marks. */
static void test_unicode(void)
{
	static const struct tcase c[] = {
		{ "HOAX Hoaks", "hoaks hoaks" },
		{ "\xF0\x9D\x90\x87\xF0\x9D\x90\x8E\xF0\x9D\x90\x80\xF0\x9D\x90\x97", "hoaks" },  /* 𝐇𝐎𝐀𝐗 */
		{ "\xEF\xBC\xA8\xEF\xBC\xAF\xEF\xBC\xA1\xEF\xBC\xB8", "hoaks" },                    /* ＨＯＡＸ */
		{ "caf\xC3\xA9", "cafe" },
		{ "v\xD0\xB0ksin \xD0\x92\xD0\x95R\xD0\x98TA", "vaksin ber\xD0\xB8" "ta" },   /* Cyrillic а, В, Е, Т, А; И stays */
		{ "\xEF\xBB\xBFvaksin", "vaksin" },                  /* BOM dropped */
		{ "a\xE2\x80\x8B" "b", "ab" },                        /* zero-width space ignored */
		{ "\xF0\x9F\x98\x82\xF0\x9F\x99\x8F berita", "berita" },  /* emoji dropped */
		{ "", "" },
	};
	table(c, sizeof c / sizeof *c, 0);
}

/* Bytes that are not UTF-8, NUL, CRLF: never a crash, words survive. */
static void test_bytes(void)
{
	static const struct tcase c[] = {
		{ "ab\xC3(cd", "ab cd" },
		{ "\xFF\xFE\xFD", "" },
		{ "satu\r\ndua", "satu dua" },
		{ "\xC3", "" },
		{ "\xED\xA0\x80x", "x" },   /* a surrogate is invalid */
	};
	table(c, sizeof c / sizeof *c, 0);
	char nul[] = "satu\0dua";
	struct strbuf sb = STRBUF_INIT;
	norm_text(pl, nul, 8, 0, collect, &sb, NULL, NULL);
	CHECK_STR(sb.buf, "satu dua");
	sb_release(&sb);
	struct strbuf clean = STRBUF_INIT;
	CHECK_INT(utf8_sanitize("a\xC3" "b\0c", 5, &clean), 1);
	CHECK_STR(clean.buf, "a\xEF\xBF\xBD" "b c");
	sb_release(&clean);
}

static long warned_line;
static unsigned char warned_byte;
static void warn(void *ctx, long line, unsigned char byte)
{
	(void)ctx;
	warned_line = line;
	warned_byte = byte;
}

static int ignore(void *ctx, const struct token *t)
{
	(void)ctx; (void)t;
	return 0;
}

static void test_warn_line(void)
{
	const char *in = "baik\nbaik\nrusak \xC3 di sini\n";
	norm_text(pl, in, strlen(in), 0, ignore, NULL, warn, NULL);
	CHECK_INT(warned_line, 3);
	CHECK_INT(warned_byte, 0xC3);
}

/* Numbers, amounts, URLs, e-mail, phone numbers, hashtags and mentions. */
static void test_tokens(void)
{
	static const struct tcase c[] = {
		{ "1.500.000", "1500000" },
		{ "1,500,000", "1500000" },
		{ "1,5", "1.5" },
		{ "2.50", "2.5" },
		{ "Rp150.000", "rp 150000" },
		{ "Rp 150.000,00", "rp 150000" },
		{ "50%", "50 persen" },
		{ "150rb", "150 ribu" },
		{ "007", "7" },
		{ "covid-19", "covid19" },
		{ "https://www.Kominfo.go.id/berita?x=1.", "kominfo.go.id" },
		{ "lihat bit.ly/abc123 ya", "lihat bit.ly ya" },
		{ "kirim ke a.b@x.co.id", "kirim ke @email" },
		{ "hubungi 0812-3456-7890", "hubungi 6281234567890" },
		{ "+62 812 3456 7890", "6281234567890" },
		{ "62812.3456.7890", "6281234567890" },
		{ "#vaksin @budi", "vaksin budi" },
		{ "jam 08.00", "jam 8" },
		{ "e-ktp", "ektp" },
	};
	table(c, sizeof c / sizeof *c, 0);
}

/* Informal Indonesian: reduplication, leetspeak, elongation, slang, -in. */
static void test_informal(void)
{
	static const struct tcase c[] = {
		{ "anak2", "anak" },
		{ "anak-anak", "anak" },
		{ "anak-anaknya", "anaknya" },
		{ "teman2nya", "temannya" },
		{ "h0ax", "hoaks" },
		{ "v4ksin", "vaksin" },
		{ "p3m3r1nt4h", "pemerintah" },
		{ "covid19", "covid19" },
		{ "bangeeeet", "sangat" },
		{ "hoaxxx", "hoaks" },
		{ "yg dgn utk tdk gak", "yang dengan untuk tidak tidak" },
		{ "aktifitas", "aktivitas" },
		{ "sebarin", "sebarkan" },
		{ "ngecek", "mengecek" }, { "ngebantuin", "bantu" },
	};
	table(c, sizeof c / sizeof *c, 0);
}

/* Stopwords go, negations stay: "vaksin aman" is not "vaksin tidak aman". */
static void test_stop_negation(void)
{
	static const struct tcase c[] = {
		{ "vaksin yang aman", "vaksin aman" },
		{ "vaksin tidak aman", "vaksin tidak aman" },
		{ "itu bukan hoaks", "bukan hoaks" },
		{ "belum jangan gak", "belum jangan tidak" },
	};
	table(c, sizeof c / sizeof *c, NORM_STEM);
}

/* The stemmer's known failures, fixed by data/stem-exceptions.tsv. */
static void test_stem(void)
{
	static const struct tcase c[] = {
		{ "penanganan", "tangan" }, { "penangkapan", "tangkap" },
		{ "perencanaan", "rencana" }, { "menulis", "tulis" }, { "penulis", "tulis" },
		{ "berita", "berita" }, { "pemberitahuan", "beritahu" }, { "teruskan", "terus" },
		{ "pemilu", "pemilu" }, { "menteri", "menteri" }, { "sekolah", "sekolah" },
		{ "mempercayai", "percaya" }, { "diseminasi", "diseminasi" },
		{ "menyebarkan", "sebar" }, { "sebarin", "sebar" },
	};
	table(c, sizeof c / sizeof *c, NORM_STEM);
}

/* Spans point into the original bytes, for highlighting. */
static int spans(void *ctx, const struct token *t)
{
	struct strbuf *sb = ctx;
	sb_printf(sb, "%zu-%zu ", t->start, t->end);
	return 0;
}

static void test_spans(void)
{
	const char *in = "Ini HOAKS: anak2 Rp150.000";
	struct strbuf sb = STRBUF_INIT;
	norm_text(pl, in, strlen(in), 0, spans, &sb, NULL, NULL);
	CHECK_STR(sb.buf, "0-3 4-9 11-16 17-19 19-26 ");
	sb_release(&sb);
}

/* A 20 MB single line goes through without trouble. */
static int count(void *ctx, const struct token *t)
{
	(void)t;
	(*(size_t *)ctx)++;
	return 0;
}

static void test_huge(void)
{
	size_t n = 20u << 20;
	char *big = malloc(n);
	for (size_t i = 0; i < n; i++)
		big[i] = (i % 7 == 6) ? ' ' : 'a' + (char)(i % 5);
	size_t k = 0;
	norm_text(pl, big, n, NORM_STEM, count, &k, NULL, NULL);
	CHECK(k > n / 8);
	memset(big, 'x', n);   /* one 20 MB word */
	k = 0;
	norm_text(pl, big, n, NORM_STEM, count, &k, NULL, NULL);
	CHECK_INT(k, 1);
	free(big);
}

/* Every part of each token: text, word, flags. */
static int collect_all(void *ctx, const struct token *t)
{
	struct strbuf *sb = ctx;
	sb_add(sb, t->text, t->len);
	sb_putc(sb, '|');
	sb_add(sb, t->word, t->wlen);
	sb_printf(sb, "|%u ", t->flags);
	return 0;
}

static struct strbuf run_all(const char *in, unsigned opts)
{
	struct strbuf sb = STRBUF_INIT;
	norm_text(pl, in, strlen(in), opts, collect_all, &sb, NULL, NULL);
	return sb;
}

/*
 * The memo (normalize.c) must not change a result: 60,000 distinct words
 * (its table grows from 4,096 slots, and it starts over at 49,000), then
 * again the last 10,000, which it holds by then, and words too long to
 * keep: the tail must come out as it does from a cold start.
 */
static void test_memo(void)
{
	struct strbuf all = STRBUF_INIT, tail = STRBUF_INIT;
	for (unsigned i = 0; i < 60000; i++) {
		char w[32];
		unsigned x = i;
		size_t k = 0;
		do {
			w[k++] = (char)('a' + x % 26);
			x /= 26;
		} while (x);
		w[k] = '\0';
		char word[48];
		snprintf(word, sizeof word, "%s%s%s ", i % 3 == 0 ? "mem" : "", w, i % 5 == 0 ? "kan" : "");
		sb_puts(&all, word);
		if (i >= 50000)
			sb_puts(&tail, word);
	}
	for (int i = 0; i < 300; i++)
		sb_putc(&tail, (char)('a' + i % 7));
	sb_puts(&tail, " memberitahukan tidak");
	sb_puts(&all, tail.buf);
	pipeline_free(pl);
	pl = pipeline_new();
	struct strbuf warm = run_all(all.buf, NORM_STEM);
	pipeline_free(pl);
	pl = pipeline_new();   /* a cold start */
	struct strbuf cold = run_all(tail.buf, NORM_STEM);
	CHECK(cold.len > 10000 && warm.len > cold.len + 60000);
	CHECK(warm.len > cold.len && !memcmp(warm.buf + warm.len - cold.len, cold.buf, cold.len) &&
	      warm.buf[warm.len - cold.len - 1] == ' ');
	CHECK(strlen(warm.buf) == warm.len);   /* no stray bytes */
	sb_release(&all);
	sb_release(&tail);
	sb_release(&warm);
	sb_release(&cold);
}

/* The one UTF-8 validator, and the decoders import files need. */
static void test_encodings(void)
{
	static const struct { const char *in; size_t n, len, valid; } seqs[] = {
		{ "a", 1, 1, 1 },
		{ "\xC3\xA9", 2, 2, 2 },                 /* é */
		{ "\xC3", 1, 0, 0 },                      /* cut short */
		{ "\xC0\x80", 2, 0, 0 },                 /* overlong NUL */
		{ "\xE0\x80\xAF", 3, 0, 0 },             /* overlong '/' */
		{ "\xED\xA0\x80", 3, 0, 0 },             /* a surrogate */
		{ "\xE2\x82\xAC", 3, 3, 3 },             /* € */
		{ "\xF0\x9F\x98\x80", 4, 4, 4 },         /* an emoji */
		{ "\xF4\x90\x80\x80", 4, 0, 0 },         /* past U+10FFFF */
		{ "\xF5\x80\x80\x80", 4, 0, 0 },
		{ "\x80", 1, 0, 0 },                      /* a lone continuation byte */
		{ "ab\xC3\xA9\xFFz", 6, 1, 4 },          /* valid up to the 0xFF */
	};
	for (size_t i = 0; i < sizeof seqs / sizeof *seqs; i++) {
		CHECK_INT(utf8_char_len(seqs[i].in, seqs[i].n), seqs[i].len);
		CHECK_INT(utf8_valid_len(seqs[i].in, seqs[i].n), seqs[i].valid);
		CHECK_INT(utf8_valid(seqs[i].in, seqs[i].n), seqs[i].valid == seqs[i].n);
	}
	/* Windows-1252 for what is not UTF-8, valid UTF-8 kept; lossy: U+FFFD */
	struct strbuf sb = STRBUF_INIT;
	utf8_repair(&sb, "caf\xE9 \x80 \x81 \xC3\xA9", 11, 0);
	CHECK_STR(sb.buf, "caf\xC3\xA9 \xE2\x82\xAC \xEF\xBF\xBD \xC3\xA9");
	sb_reset(&sb);
	utf8_repair(&sb, "caf\xE9", 4, 1);
	CHECK_STR(sb.buf, "caf\xEF\xBF\xBD");
	sb_reset(&sb);
	/* UTF-16: a surrogate pair, a lone surrogate, an odd last byte */
	utf16_to_utf8(&sb, (const unsigned char *)"a\0\x3D\xD8\x00\xDE\x00\xD8x\0!", 11, 0);
	CHECK_STR(sb.buf, "a\xF0\x9F\x98\x80\xEF\xBF\xBDx\xEF\xBF\xBD");
	sb_reset(&sb);
	utf16_to_utf8(&sb, (const unsigned char *)"\0a\x20\xAC", 4, 1);
	CHECK_STR(sb.buf, "a\xE2\x82\xAC");
	sb_release(&sb);
	CHECK(ascii_digit('7') && !ascii_digit('a') && ascii_alpha('Q') && !ascii_alpha('1'));
	CHECK(ascii_space('\v') && ascii_space(' ') && !ascii_space('\0') && !ascii_space(0xA0));
}

/* SHA-256 as derived ids take it (libsodium, through lazylib.c) against hashlib, across the padding's edges. */
static void test_sha256(void)
{
	static const struct { size_t n; const char *want; } c[] = {
		{ 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ 55, "576a1bf8d4478657e6dc4af9398544765c2a92cde28478b019235cfed315fc09" },
		{ 56, "9b20501dfd1d99161c257950f3444f3e49230c351c5c8e0943ef369f85f5205d" },
		{ 64, "d8bc63b4fc1156e5e7d95a418b9bf54cd3174bedbc2db40f74895349b229b3c0" },
		{ 119, "7a6589821178918ca8d9edaba5abfc1e9b2669564f4469b66885379c1530b2c8" },
	};
	unsigned char in[200], h[32];
	for (size_t i = 0; i < sizeof in; i++)
		in[i] = (unsigned char)(i * 7);
	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		char hex[65];
		crypto_hash_sha256(h, in, c[i].n);
		for (int k = 0; k < 32; k++)
			snprintf(hex + 2 * k, 3, "%02x", h[k]);
		CHECK_STR(hex, c[i].want);
	}
}

int main(void)
{
	pl = pipeline_new();
	RUN(test_unicode);
	RUN(test_bytes);
	RUN(test_encodings);
	RUN(test_warn_line);
	RUN(test_tokens);
	RUN(test_informal);
	RUN(test_stop_negation);
	RUN(test_stem);
	RUN(test_spans);
	RUN(test_huge);
	RUN(test_memo);
	RUN(test_sha256);
	pipeline_free(pl);
	return T_DONE("unit-text");
}
