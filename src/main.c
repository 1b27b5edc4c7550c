/*
 * main.c: saring's command table, global options, and the stdout check at
 * exit.
 *
 * To add a command: write src/cmd_<name>.c with int cmd_<name>(int, char **),
 * declare it in commands.h, add a row below (keep the table sorted by
 * name; NEEDS_DB when it uses the database, which it then gets from
 * cmd_store()), document it in man/saring.1, and add golden cases under
 * tests/cli/.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "i18n.h"
#include "out.h"
#include "store.h"
#include "util.h"

/* What a command needs of the database: main opens it for the command (cmd_store()) and closes it. */
enum {
	NEEDS_DB = 1,   /* it reads the store */
	DB_WRITE = 2,   /* ... and writes it (created when new) */
	DB_CHECK = 4,   /* ... read-write when the file allows, never created (doctor) */
};

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	int flags;            /* NEEDS_DB | DB_WRITE ...; 0: the command opens no store, or its own */
	const char *args;     /* synopsis after the command name */
	const char *summary;  /* one line, for saring --help */
};

static const struct command commands[] = {
	{ "check", cmd_check, NEEDS_DB, "[-n N] [--json | --tsv | --reply] [--jsonl] [-f FILE] [--image FILE] [--color=WHEN] [TEXT... | IMAGE]",
	  N_("match a message against known hoaxes and official releases") },
	{ "doctor", cmd_doctor, NEEDS_DB | DB_CHECK, "", N_("check the database's integrity and say how to repair it") },
	{ "export", cmd_export, NEEDS_DB, "[--format jsonl|claimreview] [--label L] [--bundle FILE [--sign-key KEYFILE]]",
	  N_("write the corpus out") },
	{ "import", cmd_import, 0 /* opens (and creates) the store itself when the first good document is read */, "[--label L] [--source NAME] [--format F] [--map FIELD=COLUMN] [--map-label VALUE=LABEL] [--replace] [--strict] [--insecure] FILE...",
	  N_("add documents to the corpus") },
	{ "normalize", cmd_normalize, 0, "[--stem] [--tokens] [FILE...]",
	  N_("print text as saring's canonical tokens") },
	{ "reindex", cmd_reindex, NEEDS_DB | DB_WRITE, "", N_("rebuild the search index") },
	{ "remove", cmd_remove, NEEDS_DB | DB_WRITE, "ID...", N_("remove documents from the corpus") },
	{ "scan", cmd_scan, NEEDS_DB, "[--json | --tsv] [--only V,...] [--min-words N] [--anonymize [--key-file FILE]] [--date-order dmy|mdy|ymd] [--top N] [--html FILE] [--no-ocr] [--max-text MB] FILE...",
	  N_("screen exported WhatsApp chats") },
	{ "search", cmd_search, NEEDS_DB, "[--label L] [-n N] [--json] [--color=WHEN] QUERY... | --fts EXPR",
	  N_("keyword search over the corpus") },
	{ "serve", cmd_serve, 0 /* opens a pool of stores itself, one for each thread that answers */, "[--listen ADDR:PORT | --port N]",
	  N_("check messages and chats in a web page on this computer") },
	{ "show", cmd_show, NEEDS_DB, "[--json] ID", N_("print one document") },
	{ "sources", cmd_sources, 0, "[--json] [--label L] [--publisher P] [--key K] [list | add NAME TYPE [URL] | remove NAME...]",
	  N_("list, add and remove the sources that update fetches") },
	{ "stats", cmd_stats, NEEDS_DB, "[--json]", N_("summarise the corpus") },
	{ "trust", cmd_trust, 0, "[list | keygen NAME | add KEYFILE... --for SOURCE,... | remove ID...]",
	  N_("the keys whose signed bundles import and update accept") },
	{ "update", cmd_update, NEEDS_DB | DB_WRITE, "[--delay MS] [--timeout S] [--retries N] [--max-pages N] [--source-budget S] [--run-budget S] [--insecure] [SOURCE...]",
	  N_("fetch new fact checks and releases from the configured sources") },
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

const char *global_db = NULL;             /* set once from argv, before the command runs */
static const struct command *current;   /* the command running: its name and usage for messages, its flags */
static struct store *current_store;     /* the store opened for it by cmd_store(), closed by main */

struct store *cmd_store(const char *db)
{
	if (!current || !(current->flags & NEEDS_DB))
		die(EXIT_SYSTEM, "internal error: a command without NEEDS_DB asked for the store");
	if (!current_store)
		current_store = store_open(db, current->flags & DB_CHECK ? STORE_CHECK
					   : current->flags & DB_WRITE ? STORE_WRITE : STORE_READ);
	return current_store;
}

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
		fprintf(f, _("usage: saring %s %s\n"), current->name, current->args);
}

int usage_error(const char *fmt, ...)
{
	va_list ap;
	struct strbuf msg = STRBUF_INIT;
	va_start(ap, fmt);
	sb_vprintf(&msg, fmt, ap);
	va_end(ap);
	fflush(stdout);
	fprintf(stderr, "saring %s: ", current ? current->name : "");
	out_term(stderr, msg.buf, 1);
	fputc('\n', stderr);
	sb_release(&msg);
	usage_print(stderr);
	return EXIT_USAGE;
}

int parse_db_opts(int argc, char **argv, const char **db, int *json)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	*db = global_db;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts + (json ? 0 : 1), NULL)) != -1) {
		if (c == 'j')
			*json = 1;
		else if (c == 'd')
			*db = optarg;
		else
			return usage_error(_("unknown option"));
	}
	return 0;
}

static void help(FILE *f)
{
	fputs(_("usage: saring [--db PATH] [--lang id|en] COMMAND [OPTIONS] [ARGS]\n"
		"       saring --help | --version | help COMMAND\n\n"
		"Screen Indonesian messages against known hoaxes and official releases.\n"
		"Everything runs offline; no message leaves this machine.\n\n"
		"Commands:\n"), f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
	fputs(_("\nExit status: 0 nothing hoax-like found, 1 a known hoax matched (or an\n"
		"altered official release), 2 usage error or bad input, 3 database or\n"
		"system error. See saring(1) and `saring help COMMAND`.\n"), f);
}

static int command_help(const char *name)
{
	const struct command *c = find(name);
	if (!c) {
		fprintf(stderr, _("saring: unknown command '%s'; see saring --help\n"), name);
		return EXIT_USAGE;
	}
	printf(_("usage: saring %s %s\n\n%s.\nSee saring(1) for the options.\n"), c->name, c->args, _(c->summary));
	return EXIT_CLEAN;
}

/* Flush stdout and report a failed write (a full disk is an error, not silence). */
static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (errno != EPIPE)
			fprintf(stderr, _("saring%s%s: write error: %s\n"), progcmd ? " " : "",
				progcmd ? progcmd : "", strerror(errno ? errno : EIO));
		return EXIT_SYSTEM;
	}
	return status;
}

/*
 * Take --lang LANG / --lang=LANG out of argv, wherever it stands (before
 * "--"), so that every command accepts it. Returns the value or NULL.
 */
static const char *take_lang(int *argc, char **argv)
{
	const char *lang = NULL;
	int o = 1;
	for (int i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < *argc)
				argv[o++] = argv[i++];
			break;
		}
		if (!strcmp(argv[i], "--lang") && i + 1 < *argc) {
			lang = argv[++i];
			continue;
		}
		if (!strncmp(argv[i], "--lang=", 7)) {
			lang = argv[i] + 7;
			continue;
		}
		argv[o++] = argv[i];
	}
	*argc = o;
	argv[o] = NULL;
	return lang;
}

int main(int argc, char **argv)
{
	const char *lang = take_lang(&argc, argv);
	if (i18n_init(lang) < 0) {
		i18n_init(NULL);
		fprintf(stderr, _("saring: --lang wants id or en, not '%s'\n"), lang);
		return EXIT_USAGE;
	}
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
			fprintf(stderr, _("saring: unknown option '%s'\n"), a);
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
		fprintf(stderr, _("saring: unknown command '%s'; see saring --help\n"), argv[i]);
		return EXIT_USAGE;
	}
	progcmd = current->name;
	progusage = current->args;
	for (int j = i + 1; j < argc && strcmp(argv[j], "--"); j++)
		if (!strcmp(argv[j], "--help") || !strcmp(argv[j], "-h")) {
			return finish(command_help(current->name));
			return finish(EXIT_CLEAN);
		}
	optind = 1;
	int status = current->fn(argc - i, argv + i);
	store_close(current_store);
	return finish(status);
}
