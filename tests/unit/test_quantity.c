/* test_quantity.c: numbers, dates, times and counts in words (src/quantity.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quantity.h"
#include "t.h"

/* One quantity as "kind:fields@text", e.g. "date:28-5-0@28/5". */
static void describe(const char *text, const struct quantity *q, char *out, size_t n)
{
	int len = (int)(q->end - q->start);
	switch (q->kind) {
	case Q_NUMBER: snprintf(out, n, "num:%.10g@%.*s", q->value, len, text + q->start); break;
	case Q_DATE: snprintf(out, n, "date:%d-%d-%d@%.*s", q->day, q->month, q->year, len, text + q->start); break;
	case Q_DAY: snprintf(out, n, "day:%d@%.*s", q->day, len, text + q->start); break;
	case Q_TIME: snprintf(out, n, "time:%d:%02d@%.*s", q->hour, q->minute, len, text + q->start); break;
	}
}

/* All quantities of text, "|"-joined. */
static char *all_of(const char *text)
{
	static char buf[1024];
	struct quantities qs = { NULL, 0, 0 };
	quantities_of(text, strlen(text), &qs);
	buf[0] = '\0';
	for (size_t i = 0; i < qs.n; i++) {
		char one[200];
		describe(text, &qs.q[i], one, sizeof one);
		if (i)
			strcat(buf, "|");
		strncat(buf, one, sizeof buf - strlen(buf) - 1);
	}
	quantities_release(&qs);
	return buf;
}

static void reading(void)
{
	static const struct { const char *text, *want; } cases[] = {
		{ "rapat pada 10 Maret 2019 di balai", "date:10-3-2019@10 Maret 2019" },
		{ "mulai 2 Des", "date:2-12-0@2 Des" },
		{ "sejak Maret 2018", "date:0-3-2018@Maret 2018" },
		{ "Senin (28/5), pukul 09.00 WIB", "date:28-5-0@28/5|time:9:00@pukul 09.00 WIB" },
		{ "pada 5/5/2019 dan 7/8/19", "date:5-5-2019@5/5/2019|date:7-8-2019@7/8/19" },
		{ "sampai tanggal 12 saja", "day:12@tanggal 12" },
		{ "tanggal 12 Mei", "date:12-5-0@12 Mei" },
		{ "jam 7 pagi", "time:7:00@jam 7" },
		{ "dibuka 13:30 WITA", "time:13:30@13:30 WITA" },
		{ "bantuan Rp600.000 per KPM", "num:600000@Rp600.000" },
		{ "naik 1,5 persen", "num:1.5@1,5" },
		{ "dana 2 juta rupiah", "num:2000000@2 juta" },
		{ "sebanyak dua ribu orang", "num:2000@dua ribu" },
		{ "tiga juta dosis", "num:3000000@tiga juta" },
		{ "seratus lima puluh ribu", "num:150000@seratus lima puluh ribu" },
		{ "dua belas desa", "num:12@dua belas" },
		{ "lima orang datang", "" },   /* a count without a marker is not read */
		{ "Mei ini hujan", "" },        /* a month alone is no date */
		{ "nomor 32/13 bukan tanggal", "num:32@32|num:13@13" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK_STR(all_of(cases[i].text), cases[i].want);
}

/* Is the first quantity of a stated by the text b? */
static int stated(const char *a, const char *b)
{
	struct quantities qa = { NULL, 0, 0 }, qb = { NULL, 0, 0 };
	quantities_of(a, strlen(a), &qa);
	quantities_of(b, strlen(b), &qb);
	int yes = qa.n && quantity_stated(&qa.q[0], &qb);
	quantities_release(&qa);
	quantities_release(&qb);
	return yes;
}

static void comparing(void)
{
	CHECK(stated("10 Maret", "pada 10 Maret 2019"));           /* a missing year agrees */
	CHECK(!stated("10 April 2019", "pada 10 Maret 2019"));
	CHECK(stated("(10/3)", "pada 10 Maret 2019"));             /* written either way */
	CHECK(!stated("(5/5)", "Senin (28/5)"));
	CHECK(stated("tanggal 28", "Senin (28/5)"));
	CHECK(!stated("pukul 10.00", "pukul 09.00 WIB"));
	CHECK(stated("jam 9", "pukul 09.00 WIB"));
	CHECK(stated("dua ribu", "sebanyak 2.000 orang"));
	CHECK(!stated("tiga ribu", "sebanyak 2.000 orang"));
	CHECK(stated("Rp 2 juta", "Rp2.000.000"));
	CHECK(stated("28", "Senin (28/5)"));                       /* a date's part quoted alone */
	/* stated elsewhere, but the same day names another date */
	CHECK(!stated("Senin (12/8)", "Senin (13/8) dan Selasa (12/8)"));
	CHECK(stated("Selasa (12/8)", "Senin (13/8) dan Selasa (12/8)"));
}

static void likeness(void)
{
	struct quantities qa = { NULL, 0, 0 }, qb = { NULL, 0, 0 };
	const char *a = "Jumat (22/8)", *b = "Jumat (31/8) pukul 10.00 dan 22 Mei";
	quantities_of(a, strlen(a), &qa);
	quantities_of(b, strlen(b), &qb);
	CHECK_INT(qb.n, 3);
	/* the same word before and month beat the same day */
	CHECK(quantity_likeness(&qa.q[0], &qb.q[0]) > quantity_likeness(&qa.q[0], &qb.q[2]));
	CHECK_INT(quantity_likeness(&qa.q[0], &qb.q[1]), 0);   /* a time is another sort */
	quantities_release(&qa);
	quantities_release(&qb);
}

int main(void)
{
	RUN(reading);
	RUN(comparing);
	RUN(likeness);
	return T_DONE("test_quantity");
}
