/* fuzz_claimreview.c: libFuzzer target for the schema.org ClaimReview JSON / JSON-LD reader. */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import(data, size, ".json", FMT_CLAIMREVIEW);
	return 0;
}
