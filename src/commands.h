/*
 * commands.h: one function per subcommand, each in src/cmd_<name>.c.
 *
 * A command gets argv with argv[0] = its name and returns an exit status
 * (enum exit_status). The usage text lives in main.c's command table, so
 * that `saring help CMD`, `saring CMD --help` and errors all print the same.
 */
#ifndef SARING_COMMANDS_H
#define SARING_COMMANDS_H

int cmd_check(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_reindex(int argc, char **argv);
int cmd_remove(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_sources(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_trust(int argc, char **argv);
int cmd_update(int argc, char **argv);

/* Print the usage of the running command (progcmd) to f. */
void usage_print(FILE *f);
/* Print "usage: ..." for the running command on stderr and return EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Options of a command that takes only --db, and --json when json is not
 * NULL: *db starts as the global --db. Returns 0, or EXIT_USAGE after
 * printing the error; optind is left at the first argument.
 */
int parse_db_opts(int argc, char **argv, const char **db, int *json);

/* The --db value given before the command, or NULL. */
extern const char *global_db;

/*
 * The store of a command whose row in main.c's table has NEEDS_DB, opened
 * by main as the flags say (DB_WRITE, DB_CHECK) the first time it is asked
 * for, after the command's own usage checks, and closed by main when the
 * command returns: commands neither open nor close it. db is the --db
 * value (NULL: $SARING_DB, then the default).
 */
struct store;
struct store *cmd_store(const char *db);

#endif
