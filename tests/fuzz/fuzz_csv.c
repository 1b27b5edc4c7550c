/* fuzz_csv.c: libFuzzer target for the CSV reader (import_read, FMT_CSV; libcsv underneath). */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the name decides the separator: sniffed for .csv, TAB for .tsv */
	fuzz_import(data, size, size & 2 ? ".tsv" : ".csv", FMT_CSV);
	return 0;
}
