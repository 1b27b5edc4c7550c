/* fuzz_jsonl.c: libFuzzer target for the JSON Lines reader (import_read, FMT_JSONL). */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import(data, size, ".jsonl", FMT_JSONL);
	return 0;
}
