/*
 * chat_date.c: the day/month order of chat header dates (WhatsApp's, any format's).
 *
 * A header's date is three numbers; which is the day, the month and the
 * year is decided per date shape (header style, separator, place of a
 * 4-digit year), which for a real export is the whole file:
 *   1. a 4-digit field is the year (2-digit years are 20YY);
 *   2. every order under which some date of the shape is impossible (a month
 *      above 12, 31 February) is ruled out; once one order is left it is
 *      used, so a day above 12 decides it;
 *   3. otherwise, after 2,000 queued messages, 16 MiB of queued text, or at
 *      the end of input (chat.c says when), the order whose day field
 *      changes most often and whose year field changes least often between
 *      headers wins: a chat moves through days faster than through months
 *      and years;
 *   4. on a tie, day first (DMY, what Indonesian phones write), or month
 *      first (MDY) when the shape has an AM/PM clock (en_US phones), then
 *      YMD, then YDM.
 * A date impossible under the chosen order (a file mixing locales) is read
 * under the first order that makes it valid. An order given by the caller
 * replaces steps 2-4; a 4-digit year still marks the year, and a date
 * impossible under the given order gets time "".
 */
#include "chat_date.h"

#include <stdio.h>

#include "date.h"

/* Index of the day, month and year field under each order. */
static const unsigned char ord_field[ORD_N][3] = {
	[ORD_DMY] = { 0, 1, 2 },
	[ORD_MDY] = { 1, 0, 2 },
	[ORD_YMD] = { 2, 1, 0 },
	[ORD_YDM] = { 1, 2, 0 },
};

/* A year field: written with four digits (YEAR4 added) as it is, else 20YY. */
static int year_of(int v)
{
	return v >= YEAR4 ? v - YEAR4 : v < 100 ? 2000 + v : v;
}

/* Day, month and year of date f under order o; 0 if that is no date. */
static int date_under(const int f[3], enum order o, int *y, int *m, int *d)
{
	*d = f[ord_field[o][0]];
	*m = f[ord_field[o][1]];
	*y = year_of(f[ord_field[o][2]]);
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= date_month_days(*y, *m);
}

unsigned date_mask(const int f[3], int ypos)
{
	unsigned allowed = ypos == 1 ? (1u << ORD_YMD | 1u << ORD_YDM) :
			   ypos == 2 ? (1u << ORD_DMY | 1u << ORD_MDY) : ORD_ALL;
	unsigned mask = 0;
	int y, m, d;
	for (int o = 0; o < ORD_N; o++)
		if ((allowed & 1u << o) && date_under(f, o, &y, &m, &d))
			mask |= 1u << o;
	return mask;
}

/* Orders to try, best first, when the evidence does not decide. */
static const enum order *preference(int ampm)
{
	static const enum order dmy_first[ORD_N] = { ORD_DMY, ORD_MDY, ORD_YMD, ORD_YDM };
	static const enum order mdy_first[ORD_N] = { ORD_MDY, ORD_DMY, ORD_YMD, ORD_YDM };
	return ampm ? mdy_first : dmy_first;
}

/* Steps 3-4. */
void date_decide(struct date_shape *ds)
{
	if (ds->seen == 0 || ds->decided)
		return;
	const enum order *pref = preference(ds->ampm);
	long best_score = 0;
	int best = -1;
	for (int i = 0; i < ORD_N; i++) {
		enum order o = pref[i];
		if (!(ds->mask & 1u << o))
			continue;
		long score = ds->changes[ord_field[o][0]] - ds->changes[ord_field[o][2]];
		if (best < 0 || score > best_score) {
			best = o;
			best_score = score;
		}
	}
	ds->order = best < 0 ? pref[0] : (enum order)best;
	ds->decided = 1;
}

/* The caller's order for a shape whose 4-digit year sits at ypos. */
static void force_order(struct date_shape *ds, enum date_order force, int ypos)
{
	if (ypos == 1) {
		ds->order = ORD_YMD;
	} else if (force == DATE_YMD) {
		if (ypos == 2)
			return;        /* year last: the caller's order cannot apply */
		ds->order = ORD_YMD;
	} else {
		ds->order = force == DATE_MDY ? ORD_MDY : ORD_DMY;
	}
	ds->decided = 1;
	ds->by_caller = 1;
}

void date_note(struct date_shape *ds, enum date_order force, int ypos, const int f[3],
	       unsigned dmask, int ampm)
{
	if (ds->seen == 0) {
		ds->mask = ORD_ALL;
		if (force != DATE_AUTO)
			force_order(ds, force, ypos);
	}
	if (ampm)
		ds->ampm = 1;
	if (ds->decided) {
		ds->seen++;
		return;
	}
	for (int k = 0; k < 3; k++) {
		if (ds->seen > 0 && f[k] != ds->last[k])
			ds->changes[k]++;
		ds->last[k] = f[k];
	}
	ds->seen++;
	unsigned m = ds->mask & dmask;
	if (m)
		ds->mask = m;
	if ((ds->mask & (ds->mask - 1)) == 0) {
		for (int o = 0; o < ORD_N; o++)
			if (ds->mask == 1u << o)
				ds->order = o;
		ds->decided = 1;
	}
}

void date_iso(const struct date_shape *ds, const int f[3], unsigned dmask,
	      int hour, int min, int sec, char *buf, size_t size)
{
	int y, m, d, ok = date_under(f, ds->order, &y, &m, &d);
	if (!ok && !ds->by_caller) {
		const enum order *pref = preference(ds->ampm);
		for (int i = 0; i < ORD_N && !ok; i++)
			if (dmask & 1u << pref[i])
				ok = date_under(f, pref[i], &y, &m, &d);
	}
	if (!ok) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, hour, min, sec);
}
