/*
 * fuzz_import_auto.c: libFuzzer target for format sniffing and the plain
 * text / Markdown reader: import_read() with FMT_AUTO on a file whose name
 * says nothing, then with FMT_TEXT.
 */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import(data, size, "", FMT_AUTO);
	fuzz_import(data, size, ".txt", FMT_TEXT);
	return 0;
}
