/*
 * raw_nfkc.c: the baseline for saring's text pipeline: only the raw
 * utf8proc NFKC + casefold pass, line by line, over a file (or stdin),
 * with the mapped text written to stdout like `saring normalize` does.
 * No tokenizing, slang, stemming or anything else saring does on top.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <utf8proc.h>

int main(int argc, char **argv)
{
	FILE *in = argc > 1 ? fopen(argv[1], "r") : stdin;
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
				       UTF8PROC_CASEFOLD;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long bad = 0;
	while ((n = getline(&line, &cap, in)) > 0) {
		if (line[n - 1] == '\n')
			n--;
		utf8proc_uint8_t *out = NULL;
		utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)line, n, &out, opts);
		if (m < 0) {
			bad++;
			continue;
		}
		fwrite(out, 1, (size_t)m, stdout);
		putchar('\n');
		free(out);
	}
	free(line);
	if (bad)
		fprintf(stderr, "raw_nfkc: %ld lines not valid UTF-8, skipped\n", bad);
	if (fclose(stdout) != 0) {
		perror("raw_nfkc: stdout");
		return 1;
	}
	return 0;
}
