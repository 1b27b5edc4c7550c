/* test_hmap.c: the open-addressing map (src/hmap.c): put, get, and a walk with hmap_next(). */
#include <stdio.h>

#include "hmap.h"
#include "t.h"

/* hmap_next() visits every entry exactly once, empty or grown. */
static void test_next(void)
{
	struct hmap m = HMAP_INIT;
	CHECK(hmap_next(&m, NULL) == NULL);
	char key[32];
	int isnew, fresh = 0;
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(key, sizeof key, "key-%d", i);
		hmap_put(&m, key, (size_t)n, &isnew)->val.num = i;
		fresh += isnew;
	}
	CHECK_INT(fresh, 1000);
	CHECK_INT(m.len, 1000);
	long count = 0, sum = 0;
	static unsigned char seen[1000];
	for (const struct hmap_entry *e = hmap_next(&m, NULL); e; e = hmap_next(&m, e)) {
		if (e->key && e->val.num >= 0 && e->val.num < 1000)
			seen[e->val.num]++;
		count++;
		sum += (long)e->val.num;
	}
	CHECK_INT(count, 1000);
	CHECK_INT(sum, 999L * 1000 / 2);
	int once = 1;
	for (int i = 0; i < 1000; i++)
		once &= seen[i] == 1;
	CHECK(once);
	struct hmap_entry *e = hmap_get(&m, "key-7", 5);
	CHECK(e && e->val.num == 7);
	hmap_clear(&m);
	CHECK(hmap_next(&m, NULL) == NULL);
	hmap_free(&m);
}

int main(void)
{
	RUN(test_next);
	return T_DONE("test_hmap");
}
