/*
 * date.c: the dates corpus files write, in English or Indonesian, read as
 * YYYY-MM-DD (date.h).
 */
#include "date.h"

#include <strings.h>

#include "text.h"

int date_month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Read min to max digits at *s as a number; -1 when there are fewer or more. */
static int digits(const char **s, int min, int max)
{
	int v = 0, n = 0;
	while (ascii_digit(**s)) {
		if (++n > max)
			return -1;
		v = v * 10 + (**s - '0');
		(*s)++;
	}
	return n >= min ? v : -1;
}

/* An English or Indonesian month name or abbreviation at *s: 1-12, or -1. */
static int month_name(const char **s)
{
	static const char *const names[] = {
		"jan", "feb", "peb", "mar", "apr", "mei", "may", "jun", "jul",
		"agu", "agt", "aug", "sep", "okt", "oct", "nov", "des", "dec",
	};
	static const int months[] = { 1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 8, 8, 9, 10, 10, 11, 12, 12 };
	const char *p = *s;
	size_t n = 0;
	while (ascii_alpha(p[n]))
		n++;
	if (n < 3)
		return -1;
	for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
		if (strncasecmp(p, names[i], 3) == 0) {
			*s = p + n + (p[n] == '.');
			return months[i];
		}
	}
	return -1;
}

static int make_date(char out[11], int y, int m, int d)
{
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > date_month_days(y, m))
		return -1;
	int v[3] = { y, m, d }, w[3] = { 4, 2, 2 };
	char *p = out;
	for (int k = 0; k < 3; k++) {
		for (int i = w[k] - 1; i >= 0; i--, v[k] /= 10)
			p[i] = (char)('0' + v[k] % 10);
		p += w[k];
		*p++ = k < 2 ? '-' : '\0';
	}
	return 0;
}

int date_parse(const char *s, char out[11])
{
	if (!s)
		return -1;
	while (ascii_space(*s))
		s++;
	/* "Senin, 2 Januari 2024": skip a weekday name before a comma */
	const char *p = s;
	while (ascii_alpha(*p))
		p++;
	if (p > s && *p == ',' && p[1] == ' ') {
		s = p + 1;
		while (ascii_space(*s))
			s++;
	}
	p = s;
	if (ascii_alpha(*p)) {
		/* "January 2, 2024" */
		int m = month_name(&p);
		if (m < 0 || *p != ' ')
			return -1;
		p++;
		int d = digits(&p, 1, 2);
		if (*p == ',')
			p++;
		if (d < 0 || *p != ' ')
			return -1;
		p++;
		int y = digits(&p, 4, 4);
		if (y < 0 || ascii_digit(*p) || ascii_alpha(*p))
			return -1;
		return make_date(out, y, m, d);
	}
	int a = digits(&p, 1, 4);
	if (a < 0)
		return -1;
	size_t alen = (size_t)(p - s);
	char sep = *p;
	if (alen == 4) {
		/* YYYY-MM-DD, maybe with a time after it */
		if (sep != '-' && sep != '/' && sep != '.')
			return -1;
		p++;
		int m = digits(&p, 1, 2);
		if (m < 0 || *p != sep)
			return -1;
		p++;
		int d = digits(&p, 1, 2);
		if (d < 0 || ascii_digit(*p) || (ascii_alpha(*p) && *p != 'T' && *p != 't'))
			return -1;
		return make_date(out, a, m, d);
	}
	if (alen > 2 || (sep != '-' && sep != '/' && sep != '.' && sep != ' '))
		return -1;
	p++;
	while (sep == ' ' && *p == ' ')
		p++;
	int m, y;
	if (ascii_digit(*p)) {
		/* DD/MM/YYYY */
		if (sep == ' ')
			return -1;
		m = digits(&p, 1, 2);
		if (m < 0 || *p != sep)
			return -1;
		p++;
		y = digits(&p, 4, 4);
	} else {
		/* 2 Jan 2024, 17-Aug-20 */
		m = month_name(&p);
		if (m < 0)
			return -1;
		if (*p != sep && !(*p == ' ' || *p == ','))
			return -1;
		while (*p == sep || *p == ' ' || *p == ',')
			p++;
		const char *ys = p;
		y = digits(&p, 2, 4);
		if (y >= 0 && p - ys == 2)
			y += y < 70 ? 2000 : 1900;
		else if (p - ys != 4)
			return -1;
	}
	if (y < 0 || ascii_digit(*p) || ascii_alpha(*p))
		return -1;
	return make_date(out, y, m, a);
}
