/*
 * cmd_update.c: saring update: bring the corpus up to date from the
 * configured sources (saring sources), each in a transaction of its own.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "fetch.h"
#include "i18n.h"
#include "sources.h"
#include "store.h"
#include "update.h"
#include "out.h"
#include "util.h"

int cmd_update(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "delay", required_argument, NULL, 'D' },
		{ "timeout", required_argument, NULL, 't' },
		{ "retries", required_argument, NULL, 'R' },
		{ "max-pages", required_argument, NULL, 'p' },
		{ "source-budget", required_argument, NULL, 's' },
		{ "run-budget", required_argument, NULL, 'r' },
		{ "insecure", no_argument, NULL, 'k' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct update_opts o = { { 30, UPDATE_MAX_BYTES, 2, 1000, NULL, 0 }, 20, 0, isatty(2) };
	long source_budget = FETCH_SOURCE_BUDGET, run_budget = FETCH_RUN_BUDGET;
	const char *db = global_db;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'D': o.lim.delay_ms = opt_int(optarg, 0, 600000, "--delay"); break;
		case 't': o.lim.timeout = opt_int(optarg, 1, 3600, "--timeout"); break;
		case 'R': o.lim.retries = (int)opt_int(optarg, 0, 10, "--retries"); break;
		case 's': source_budget = opt_int(optarg, 1, 604800, "--source-budget"); break;
		case 'r': run_budget = opt_int(optarg, 1, 604800, "--run-budget"); break;
		case 'p': o.max_pages = (int)opt_int(optarg, 1, 100000, "--max-pages"); break;
		case 'k': o.insecure = 1; break;
		case 'd': db = optarg; break;
		default: return usage_error(_("unknown option"));
		}
	}
	struct source_list l;
	if (sources_load(&l) < 0) {
		sources_free(&l);
		return EXIT_USAGE;
	}
	for (int i = optind; i < argc; i++)
		if (!sources_find(&l, argv[i])) {
			sources_free(&l);
			return usage_error(_("no source named '%s'; see saring sources"), argv[i]);
		}
	if (!l.n) {
		sources_free(&l);
		warnx_(_("no sources; add one with saring sources add"));
		return EXIT_USAGE;
	}
	struct store *st = cmd_store(db);
	double run_end = fetch_clock() + (double)run_budget;
	struct update_result total = { 0 };
	int failed = 0, status = EXIT_CLEAN;
	for (size_t i = 0; i < l.n; i++) {
		const struct source *src = &l.v[i];
		int wanted = optind == argc;
		for (int k = optind; k < argc && !wanted; k++)
			wanted = !strcmp(argv[k], src->name);
		if (!wanted)
			continue;
		struct update_result r;
		o.lim.origin = src->url;   /* its own numeric local address may be fetched (fetch.h) */
		double source_end = fetch_clock() + (double)source_budget;
		o.lim.deadline = source_end < run_end ? source_end : run_end;
		update_source(st, src, &o, &r);
		const char *reqs = _("requests");
		if (r.error) {
			out_termf(stdout, _("%s: failed, nothing written: %s (%s: %d)\n"), src->name, r.error, reqs, r.requests);
			failed++;
			status = EXIT_SYSTEM;
		} else if (r.not_modified) {
			out_termf(stdout, _("%s: not modified (%s: %d)\n"), src->name, reqs, r.requests);
		} else {
			out_termf(stdout, _("%s: added %ld, updated %ld, unchanged %ld, skipped %ld (pages: %ld, %s: %d)\n"),
			       src->name, r.added, r.updated, r.unchanged, r.skipped, r.pages, reqs, r.requests);
		}
		fflush(stdout);
		total.added += r.added;
		total.updated += r.updated;
		total.unchanged += r.unchanged;
		total.skipped += r.skipped;
		int stop = r.db_error;
		update_result_release(&r);
		if (stop) {
			warnx_(_("database error; the other sources were not fetched"));
			break;
		}
	}
	out_termf(stdout, _("total: added %ld, updated %ld, unchanged %ld, skipped %ld; %d failed\n"),
	       total.added, total.updated, total.unchanged, total.skipped, failed);
	sources_free(&l);
	return status;
}
