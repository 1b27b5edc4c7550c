/*
 * main.c: saring's command table, global options, and the stdout check at
 * exit.
 *
 * To add a command: write src/cmd_<name>.c with int cmd_<name>(int, char **),
 * declare it in commands.h, add a row below (keep the table sorted by
 * name), document it in man/saring.1, and add golden cases under tests/cli/.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "util.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *args;     /* synopsis after the command name */
	const char *summary;  /* one line, for saring --help */
};

static const struct command commands[] = {
	{ "check", cmd_check, "[-n N] [--json | --tsv] [--jsonl] [-f FILE] [--color=WHEN] [TEXT...]",
	  "match a message against known hoaxes and official releases" },
	{ "doctor", cmd_doctor, "", "check the database's integrity and say how to repair it" },
	{ "export", cmd_export, "[--format jsonl|claimreview] [--label L]", "write the corpus out" },
	{ "import", cmd_import, "[--label L] [--source NAME] [--format F] [--map FIELD=COLUMN] [--replace] [--strict] FILE...",
	  "add documents to the corpus" },
	{ "normalize", cmd_normalize, "[--stem] [--tokens] [FILE...]",
	  "print text as saring's canonical tokens" },
	{ "reindex", cmd_reindex, "", "rebuild the search index" },
	{ "remove", cmd_remove, "ID...", "remove documents from the corpus" },
	{ "scan", cmd_scan, "[--json | --tsv] [--only V,...] [--min-words N] [--anonymize] [--salt KEY] [--date-order dmy|mdy|ymd] [--top N] FILE...",
	  "screen exported WhatsApp chats" },
	{ "search", cmd_search, "[--label L] [-n N] [--json] [--fts EXPR] QUERY...",
	  "keyword search over the corpus" },
	{ "show", cmd_show, "[--json] ID", "print one document" },
	{ "stats", cmd_stats, "[--json]", "summarise the corpus" },
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

const char *global_db = NULL;
static const struct command *current;

static const struct command *find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void usage_print(FILE *f)
{
	if (current)
		fprintf(f, "usage: saring %s %s\n", current->name, current->args);
}

int usage_error(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fprintf(stderr, "saring %s: ", current ? current->name : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage_print(stderr);
	return EXIT_USAGE;
}

static void help(FILE *f)
{
	fputs("usage: saring [--db PATH] COMMAND [OPTIONS] [ARGS]\n"
	      "       saring --help | --version | help COMMAND\n\n"
	      "Screen Indonesian messages against known hoaxes and official releases.\n"
	      "Everything runs offline; no message leaves this machine.\n\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nExit status: 0 nothing hoax-like found, 1 a known hoax matched,\n"
	      "2 usage error or bad input, 3 database or system error.\n"
	      "See saring(1) and `saring help COMMAND`.\n", f);
}

static int command_help(const char *name)
{
	const struct command *c = find(name);
	if (!c) {
		fprintf(stderr, "saring: unknown command '%s'; see saring --help\n", name);
		return EXIT_USAGE;
	}
	printf("usage: saring %s %s\n\n%s.\nSee saring(1) for the options.\n", c->name, c->args, c->summary);
	return EXIT_CLEAN;
}

/* Flush stdout and report a failed write (a full disk is an error, not silence). */
static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (errno != EPIPE)
			fprintf(stderr, "saring%s%s: write error: %s\n", progcmd ? " " : "",
				progcmd ? progcmd : "", strerror(errno ? errno : EIO));
		return EXIT_SYSTEM;
	}
	return status;
}

int main(int argc, char **argv)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			help(stdout);
			return finish(EXIT_CLEAN);
		} else if (!strcmp(a, "--version")) {
			printf("saring %s\n", SARING_VERSION);
			return finish(EXIT_CLEAN);
		} else if (!strcmp(a, "--db") && i + 1 < argc) {
			global_db = argv[++i];
		} else if (!strncmp(a, "--db=", 5)) {
			global_db = a + 5;
		} else {
			fprintf(stderr, "saring: unknown option '%s'\n", a);
			help(stderr);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		help(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help"))
		return finish(i + 1 < argc ? command_help(argv[i + 1]) : (help(stdout), EXIT_CLEAN));
	current = find(argv[i]);
	if (!current) {
		fprintf(stderr, "saring: unknown command '%s'; see saring --help\n", argv[i]);
		return EXIT_USAGE;
	}
	progcmd = current->name;
	for (int j = i + 1; j < argc && strcmp(argv[j], "--"); j++)
		if (!strcmp(argv[j], "--help") || !strcmp(argv[j], "-h")) {
			usage_print(stdout);
			printf("\n%s.\nSee saring(1) for the options.\n", current->summary);
			return finish(EXIT_CLEAN);
		}
	optind = 1;
	return finish(current->fn(argc - i, argv + i));
}
