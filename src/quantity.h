/*
 * quantity.h: the numbers, amounts, dates, times and counts written in
 * words that a text states, so that an official release and a message
 * quoting it can be compared quantity by quantity ("altered").
 *
 * Recognised: numbers and amounts as the scanner reads them ("Rp150.000",
 * "1,5"); dates "10 Maret 2019", "10 Mar", "Maret 2019", "(28/5)",
 * "5/5/2019", "tanggal 12"; times "pukul 09.00", "jam 7", "09.00 WIB";
 * counts in words "dua ribu", "tiga juta", "seratus lima puluh".
 *
 * Ownership: quantities_of() fills a struct quantities whose arrays it
 * owns; quantities_release() frees them. Spans index the text given.
 */
#ifndef SARING_QUANTITY_H
#define SARING_QUANTITY_H

#include <stddef.h>

enum quantity_kind {
	Q_NUMBER,   /* a number or amount, or a count in words: value */
	Q_DATE,     /* a date: day (0 = none), month (1-12), year (0 = none) */
	Q_DAY,      /* "tanggal 12": day only */
	Q_TIME,     /* a time of day: hour, minute */
};

struct quantity {
	enum quantity_kind kind;
	double value;            /* Q_NUMBER */
	int day, month, year;    /* Q_DATE, Q_DAY */
	int hour, minute;        /* Q_TIME */
	size_t start, end;       /* byte span in the text, as written */
	char before[24];         /* the word before it, folded ("" at the start) */
};

struct quantities {
	struct quantity *q;      /* owned, in text order */
	size_t n, cap;
};

/* The quantities of text[0..len), appended to qs. */
void quantities_of(const char *text, size_t len, struct quantities *qs);
void quantities_release(struct quantities *qs);

/*
 * Does the text that gave all state quantity q (the same date, time or
 * value)? Not when it states it only elsewhere and gives another after
 * the same word ("Senin (13/8)" against the message's "Senin (12/8)").
 */
int quantity_stated(const struct quantity *q, const struct quantities *all);
/*
 * How alike two quantities of one sort are, to pair a changed one with
 * the original: the parts they share (day, month, year, kind) and the
 * word before them. 0 when of different sorts.
 */
int quantity_likeness(const struct quantity *a, const struct quantity *b);

#endif
