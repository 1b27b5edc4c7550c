/*
 * fuzz_quantity.c: libFuzzer target for the quantities altered compares
 * (src/quantity.c): any bytes give quantities whose spans lie inside the
 * input, in order, with fields in range; each is stated by the text that
 * gave it, and likeness is symmetric in its sort test.
 */
#include "fuzz.h"
#include "quantity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct quantities qs = { NULL, 0, 0 };
	quantities_of(s, size, &qs);
	size_t last = 0;
	for (size_t i = 0; i < qs.n; i++) {
		const struct quantity *q = &qs.q[i];
		FUZZ_ASSERT(q->start < q->end && q->end <= size && q->start >= last);
		last = q->start;
		if (q->kind == Q_DATE || q->kind == Q_DAY)
			FUZZ_ASSERT(q->day >= 0 && q->day <= 31 && q->month >= 0 && q->month <= 12);
		if (q->kind == Q_TIME)
			FUZZ_ASSERT(q->hour >= 0 && q->hour < 24 && q->minute >= 0 && q->minute < 60);
		FUZZ_ASSERT(quantity_stated(q, &qs) || q->before[0]);
		FUZZ_ASSERT((quantity_likeness(q, &qs.q[0]) == 0) == (quantity_likeness(&qs.q[0], q) == 0));
	}
	quantities_release(&qs);
	return 0;
}
