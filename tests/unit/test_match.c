/*
 * test_match.c: the matcher's stages (src/match*.c, src/verdict.c), each
 * on a small corpus built here, one case per stage: the message's words,
 * candidates, co-occurrence, a run's evidence, the best stretch, chance,
 * the ordering rules, a look, a typo mended, the verdict's rules. Each
 * case fails when its stage is taken out. Made-up words ("glorp", "trask")
 * keep the stemmer and the stopword list out of the way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "doc.h"
#include "match_int.h"
#include "store.h"
#include "store_read.h"
#include "util.h"

static char dir[] = "/tmp/saring-test-match.XXXXXX";

struct spec {
	const char *label, *title, *body;
};

/* A database of the documents given, then n filler documents made by fill(i), opened for reading. */
static struct store *corpus(const char *name, const struct spec *s, size_t ns, size_t nfill,
			    void (*fill)(size_t i, struct strbuf *body))
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s.db", dir, name);
	struct store *st = store_open(path, STORE_WRITE);
	if (!st || store_begin(st) < 0) {
		fprintf(stderr, "%s: cannot write\n", path);
		exit(1);
	}
	for (size_t i = 0; i < ns + nfill; i++) {
		struct strbuf b = STRBUF_INIT;
		char id[32];
		snprintf(id, sizeof id, "d%zu", i + 1);
		if (i >= ns)
			fill(i - ns, &b);
		struct doc d = { .id = xstrdup(id), .label = xstrdup(i < ns ? s[i].label : "hoax"),
				 .title = xstrdup(i < ns ? s[i].title : "filler"),
				 .body = i < ns ? xstrdup(s[i].body) : sb_detach(&b), .source = xstrdup("test") };
		if (store_put(st, &d, 0) != PUT_ADDED) {
			fprintf(stderr, "%s: cannot add %s\n", path, id);
			exit(1);
		}
		doc_clear(&d);
	}
	if (store_commit(st) < 0)
		exit(1);
	store_close(st);
	return store_open(path, STORE_READ);
}

/* A message read and prepared as matcher_check() does. */
static struct message *prepared(struct matcher *m, const char *text)
{
	read_message(m, &m->msg, text, strlen(text));
	split_unknown(m, &m->msg);
	prepare_message(m, &m->msg);
	return &m->msg;
}

/* Candidate row n's score against the message. */
static struct match scored(struct matcher *m, struct message *msg, long long n)
{
	struct match c = { .n = n };
	const unsigned char *blob;
	size_t nb;
	if (doc_reader_terms(m->rd, n, &blob, &nb))
		score(m, msg, blob, nb, &c);
	return c;
}

static int in_pool(const struct match *pool, size_t np, long long n)
{
	for (size_t i = 0; i < np; i++)
		if (pool[i].n == n)
			return 1;
	return 0;
}

static const char *word_of(const struct message *msg, size_t i)
{
	return msg->texts.buf + msg->q[i].text;
}

/* Fillers of everyday-looking made-up words, different in each. */
static void mixed_fill(size_t i, struct strbuf *b)
{
	static const char *w[] = { "plox", "krom", "zweb", "fosh", "yurg", "quam", "blox", "grum" };
	for (size_t k = 0; k < 6; k++)
		sb_printf(b, "%s ", w[(i + k * 3) % 8]);
}

static const struct spec made_up[] = {
	{ "hoax", "glorp", "glorp trask vunt snub wisp hult jorb nolt rusk quib farn" },
	{ "hoax", "aceh", "banjir tergulung di aceh" },
	{ "hoax", "fixed", "sarq mulv" },
	{ "hoax", "fixed", "sarq mulv zent" },
	{ "hoax", "fixed", "sarq mulv brek" },
	{ "hoax", "pair", "ctor dwim" },
	{ "hoax", "ctor", "ctor" },
	{ "hoax", "dwim", "dwim" },
};

/* The message's words: an unknown word split in two known ones, a doubled letter written once. */
static void stage_query(struct matcher *m)
{
	struct message *msg = prepared(m, "acehtergulung");
	CHECK_INT(msg->nq, 2);
	msg = prepared(m, "glorpp");
	CHECK_INT(msg->nq, 1);
	CHECK(msg->nq == 1 && !strcmp(word_of(msg, 0), "glorp"));
	CHECK_INT(msg->nrare, 1);
}

/* Candidates: the document holding the message's rarest words comes first. */
static void stage_candidates(struct matcher *m)
{
	struct message *msg = prepared(m, "glorp trask vunt plox");
	struct look lk = { msg->rare, msg->nrare, POSTINGS_CAP, MIN_TERMS, POOL };
	struct match pool[POOL];
	size_t np = candidates(m, msg, &lk, pool);
	CHECK(np >= 1);
	CHECK_INT(np ? pool[0].n : 0, 1);
}

/* Co-occurrence: a fixed phrase's second word says less than a word that seldom follows the first. */
static void stage_cooc(struct matcher *m)
{
	struct message *msg = prepared(m, "sarq mulv ctor dwim");
	CHECK_INT(msg->nq, 4);
	double fixed = pair_cond(m, msg, 1), rare = pair_cond(m, msg, 3);
	double w_fixed = msg->terms_set[msg->qterm[1]].w;
	CHECK(fixed < 0.5 * w_fixed);
	CHECK(rare > fixed + 1.0);
}

/* A run's evidence: the same words in the document's order are evidence, shuffled they are not. */
static void stage_run(struct matcher *m)
{
	struct match run = scored(m, prepared(m, "glorp trask vunt snub wisp hult jorb nolt"), 1);
	struct match shuffled = scored(m, prepared(m, "nolt snub glorp hult trask jorb vunt wisp"), 1);
	CHECK(run.bits > shuffled.bits + 10);
	CHECK(run.score >= T_MATCH);
	CHECK(shuffled.score < T_SIMILAR);
}

/* The best stretch: a forward among chatter is found, and its stretch is the forward's words. */
static void stage_stretch(struct matcher *m)
{
	const char *text = "plox krom zweb fosh\nglorp trask vunt snub wisp hult jorb nolt rusk\nyurg quam blox";
	struct message *msg = prepared(m, text);
	struct match c = scored(m, msg, 1);
	CHECK_INT(c.from, 4);
	CHECK_INT(c.to, 13);
	CHECK(c.score >= T_MATCH);
	/* the chatter around it neither lifts nor sinks its evidence (but for the chance of more stretches) */
	struct match alone = scored(m, prepared(m, "glorp trask vunt snub wisp hult jorb nolt rusk"), 1);
	CHECK(c.bits > alone.bits - 1.5 && c.bits <= alone.bits);
}

/* Chance: a word or two that many documents hold are no evidence. */
static void stage_chance(struct matcher *m)
{
	struct match c = scored(m, prepared(m, "plox krom"), 9);
	CHECK(c.bits <= 0);
	CHECK(c.score == 0);
}

/* The ordering rules, on pools made by hand. */
static void stage_order(void)
{
	static const struct {
		double score, share, bits;
		size_t from, to;
	} tie[] = { { 0.50001, 0.4, 9, 0, 4 }, { 0.49999, 0.6, 9, 0, 4 }, { 0.7, 0.1, 1, 0, 4 } };
	struct match pool[3];
	memset(pool, 0, sizeof pool);
	for (size_t i = 0; i < 3; i++)
		pool[i] = (struct match){ .n = (long long)i + 1, .score = tie[i].score, .share = tie[i].share,
					  .bits = tie[i].bits, .from = tie[i].from, .to = tie[i].to };
	qsort(pool, 3, sizeof *pool, by_score);
	CHECK_INT(pool[0].n, 3);   /* the best score */
	CHECK_INT(pool[1].n, 2);   /* scores the same to four places: the more shared */
	/* a short hoax quoted inside a fact check's stretch gives the first place to the fact check */
	struct match quoted[2] = { { .n = 1, .score = 0.8, .bits = 10, .from = 4, .to = 8 },
				   { .n = 2, .score = 0.6, .bits = 30, .from = 0, .to = 20 } };
	widest_first(quoted, 2);
	CHECK_INT(quoted[0].n, 2);
	/* a match on a stretch of its own is a second forward, moved beside the best */
	struct match two[3] = { { .n = 1, .score = 0.9, .from = 0, .to = 10 },
				{ .n = 2, .score = 0.8, .from = 1, .to = 10 },
				{ .n = 3, .score = 0.7, .from = 12, .to = 24 } };
	CHECK_INT(second_forward(two, 3), 1);
	CHECK_INT(two[1].n, 3);
}

static const struct spec look_docs[] = {
	{ "hoax", "flood", "bendungan jebol banjir bandang rendam kecamatan" },
	{ "hoax", "decoy", "qorblax zimvet plunkor" },
};

/* Fillers holding the forward's words in another order: they spend a look's budget. */
static void look_fill(size_t i, struct strbuf *b)
{
	if (i < 320)
		sb_puts(b, "kecamatan rendam bandang banjir jebol bendungan");
	else
		mixed_fill(i, b);
}

/*
 * A look: the chatter line's rare words spend the first look's budget, so
 * the forward's common words are read only when its line is looked up alone.
 */
static void stage_look(void)
{
	struct store *st = corpus("look", look_docs, 2, 400, look_fill);
	struct matcher *m = matcher_new(st);
	const char *text = "qorblax zimvet plunkor\nbendungan jebol banjir bandang rendam kecamatan";
	struct message *msg = prepared(m, text);
	struct look first = { msg->rare, msg->nrare, POSTINGS_CAP, MIN_TERMS, POOL };
	struct match pool[POOL];
	size_t np = rank(m, msg, &first, pool, NULL, 0);
	CHECK(!in_pool(pool, np, 1));
	np = look_by_line(m, msg, text, strlen(text), pool, np, 0, 0);
	CHECK(in_pool(pool, np, 1));
	CHECK(np > 1 && pool[0].score >= pool[1].score);   /* the union, best first */
	matcher_free(m);
	store_close(st);
}

static const struct spec typo_docs[] = {
	{ "hoax", "bridge", "gubernur meresmikan jembatan gantung baru kabupaten sleman warga bersuka cita" },
};

/* A typo mended: two slips keep a copy below a match until they are mended against the candidate. */
static void stage_typo(void)
{
	struct store *st = corpus("typo", typo_docs, 1, 300, mixed_fill);
	struct matcher *m = matcher_new(st);
	struct message *msg = prepared(m, "gubernur meresmikan jembtaan gantnug baru kabupaetn slemna");
	struct look first = { msg->rare, msg->nrare, POSTINGS_CAP, MIN_TERMS, POOL };
	struct match pool[POOL];
	size_t np = rank(m, msg, &first, pool, NULL, 0);
	CHECK(np > 0 && pool[0].n == 1);
	double before = np ? pool[0].score : 0;
	CHECK(before < T_MATCH && np && pool[0].share >= FUZZY_FLOOR);
	correct_typos(m, msg, pool, np);
	CHECK(np && pool[0].score > before + 0.1);
	/* the message itself is as it was: its words still the typed ones */
	CHECK(msg->nq == 7 && strcmp(word_of(msg, 2), "jembatan") != 0);
	matcher_free(m);
	store_close(st);
}

static const struct spec verdict_docs[] = {
	{ "official", "Bantuan sosial tunai",
	  "Bantuan sosial tunai sebesar Rp600.000 disalurkan kepada keluarga penerima manfaat mulai bulan Mei "
	  "melalui kantor pos di seluruh kabupaten" },
	{ "hoax", "Air kelapa",
	  "Minum air kelapa muda dicampur garam dapur bisa menyembuhkan covid dalam tiga hari kata dokter" },
};

/* The verdict's rules: a release with its amount changed is altered; a message that negates its match is noted. */
static void stage_verdict(void)
{
	struct store *st = corpus("verdict", verdict_docs, 2, 200, mixed_fill);
	struct matcher *m = matcher_new(st);
	struct match_opts o = { 3, 0 };
	struct result r;
	const char *altered = "Bantuan sosial tunai sebesar Rp900.000 disalurkan kepada keluarga penerima manfaat "
			      "mulai bulan Mei melalui kantor pos di seluruh kabupaten";
	matcher_check(m, altered, strlen(altered), &o, &r);
	CHECK_STR(verdict_name(r.verdict), "altered");
	CHECK(r.nnotes == 1 && r.notes[0].kind == NOTE_NUMBERS && r.notes[0].said &&
	      !strcmp(r.notes[0].said, "Rp900.000"));
	CHECK(r.nm > 0 && r.m[0].is_match && r.show_at == T_SIMILAR);
	result_clear(&r);
	const char *same = verdict_docs[0].body;
	matcher_check(m, same, strlen(same), &o, &r);
	CHECK_STR(verdict_name(r.verdict), "official");
	result_clear(&r);
	const char *denial = "Tidak benar bahwa minum air kelapa muda dicampur garam dapur bisa menyembuhkan covid "
			     "dalam tiga hari";
	matcher_check(m, denial, strlen(denial), &o, &r);
	CHECK_STR(verdict_name(r.verdict), "hoax");
	int negation = 0;
	for (size_t i = 0; i < r.nnotes; i++)
		negation |= r.notes[i].kind == NOTE_NEGATION;
	CHECK(negation);
	result_clear(&r);
	matcher_free(m);
	store_close(st);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror(dir);
		return 1;
	}
	setenv("HOME", dir, 1);
	struct store *st = corpus("made-up", made_up, sizeof made_up / sizeof *made_up, 40, mixed_fill);
	struct matcher *m = matcher_new(st);
	static void (*const with_corpus[])(struct matcher *) = {
		stage_query, stage_candidates, stage_cooc, stage_run, stage_stretch, stage_chance,
	};
	for (size_t i = 0; i < sizeof with_corpus / sizeof *with_corpus; i++)
		with_corpus[i](m);
	matcher_free(m);
	store_close(st);
	static void (*const own_corpus[])(void) = { stage_order, stage_look, stage_typo, stage_verdict };
	for (size_t i = 0; i < sizeof own_corpus / sizeof *own_corpus; i++)
		own_corpus[i]();
	char cmd[sizeof dir + 16];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "%s: not removed\n", dir);
	return T_DONE("unit-match");
}
