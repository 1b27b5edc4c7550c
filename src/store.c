/*
 * store.c: the SQLite database: opening it (the file, the starter corpus,
 * read-only places), its schema and migrations, closing. The top of the
 * store: reads are in store_read.c, writes and commits in store_write.c,
 * the FTS5 tokenizer in fts_tok.c, the connection's primitives they all
 * use in store_conn.c; struct store_conn (store_int.h) is what they share.
 *
 * The FTS5 index is an external-content table over doc(title, claim,
 * body), so snippet() and highlight() read the original text, while the
 * "saring" tokenizer runs the same pipeline as every query.
 */
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "postings.h"
#include "tables.h"
#include "util.h"

#define APP_ID 1396789831   /* 'SARG' */


static int mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int r = mkdir(path, 0700);
		*p = '/';
		if (r < 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

static char *default_path(void)
{
	const char *env = getenv("SARING_DB");
	if (env && *env)
		return xstrdup(env);
	struct strbuf sb = STRBUF_INIT;
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (xdg && *xdg)
		sb_printf(&sb, "%s/saring/saring.db", xdg);
	else if (home && *home)
		sb_printf(&sb, "%s/.local/share/saring/saring.db", home);
	else
		die(EXIT_SYSTEM, "neither HOME nor XDG_DATA_HOME is set; use --db PATH");
	return sb_detach(&sb);
}

/* The bundled starter database: in the source tree, else the install tree. */
static char *starter_path(void)
{
	const char *env = getenv("SARING_STARTER_DB");
	if (env && *env)
		return xstrdup(env);
	char *tree = exe_relative("build/starter.db");
	if (tree)
		return tree;
	return xstrdup(SARING_DATADIR "/starter.db");
}




long long store_doc_count(struct store *st)
{
	int n = store_query_int(st, DOCS_KEPT);
	return n >= 0 ? n : store_query_int(st, DOCS_COUNT);
}

long long store_max_row(struct store *st)
{
	return store_query_int(st, "SELECT coalesce(max(rowid), 0) FROM doc");
}



#define FTS_HASHSIZE "INSERT INTO doc_fts(doc_fts, rank) VALUES ('hashsize', 16777216)"

/*
 * Databases made before saring wrote the label CHECK as an IN list, which
 * SQLite (3.40) evaluates by building a temporary b-tree on every insert:
 * an eighth of an import's instructions. The same constraint as ORs is
 * written in place, by SQLite's documented procedure for changing a CHECK
 * constraint (writable_schema, then a new schema_version): the rows are
 * untouched. When that is refused, the database works as it is.
 */
#define LABEL_IN "CHECK (label IN ('hoax', 'factcheck', 'official'))"
#define LABEL_OR "CHECK (label = 'hoax' OR label = 'factcheck' OR label = 'official')"

static void fix_label_check(struct store *st)
{
	if (store_query_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'doc' AND sql LIKE '%label IN (%'") == 0)
		return;
	char bump[64];
	snprintf(bump, sizeof bump, "PRAGMA schema_version = %d", store_query_int(st, "PRAGMA schema_version") + 1);
	sqlite3_stmt *s = NULL;
	int ok = store_exec(st, "BEGIN IMMEDIATE") == 0 && store_exec(st, "PRAGMA writable_schema = ON") == 0 &&
		 sqlite3_prepare_v2(st->conn->db, "UPDATE sqlite_master SET sql = replace(sql, ?1, ?2) "
				    "WHERE type = 'table' AND name = 'doc'", -1, &s, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(s, 1, LABEL_IN, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, LABEL_OR, -1, SQLITE_STATIC);
		ok = sqlite3_step(s) == SQLITE_DONE;
	}
	sqlite3_finalize(s);
	ok = ok && store_exec(st, bump) == 0 && store_exec(st, "PRAGMA writable_schema = OFF") == 0 &&
	     store_exec(st, "COMMIT") == 0;
	if (!ok) {
		store_exec(st, "ROLLBACK");
		store_exec(st, "PRAGMA writable_schema = OFF");
	}
}

/* Check the file is a saring database of a schema we know; create it when new. */
static void check_schema(struct store *st)
{
	int app = store_query_int(st, "PRAGMA application_id");
	int version = store_query_int(st, "PRAGMA user_version");
	int tables = store_query_int(st, "SELECT count(*) FROM sqlite_master");
	if (app == 0 && version == 0 && tables == 0) {
		st->schema = SCHEMA_VERSION;
		if (st->readonly || st->checking)
			die(EXIT_SYSTEM, "%s: empty database; import a corpus first", st->path);
		if (store_exec(st, "BEGIN IMMEDIATE") < 0)
			store_die(st, "cannot create the schema");
		if (store_exec(st, data_schema) < 0) {
			struct strbuf msg = STRBUF_INIT;
			sb_puts(&msg, sqlite3_errmsg(st->conn->db));
			store_exec(st, "ROLLBACK");
			die(EXIT_SYSTEM, "%s: cannot create the schema: %s", st->path, msg.buf);
		}
		if (store_exec(st, "COMMIT") < 0)
			store_die(st, "cannot create the schema");
		store_rehash(st);
		return;
	}
	if (app != APP_ID)
		die(EXIT_SYSTEM, "%s: not a saring database", st->path);
	if (version > SCHEMA_VERSION)
		die(EXIT_SYSTEM, "%s: made by a newer saring (schema %d, this one knows %d)",
		    st->path, version, SCHEMA_VERSION);
	st->schema = version;
	/* A reader needs nothing of schema 4 (fetched_at, source_state): a schema 3 database is read as it is. */
	if (version == 3 && (st->readonly || st->checking))
		return;
	/* Migrations from older schemas: 2 added termdf, 3 its posting lists and doc_terms, 4 fetched_at and source_state. */
	if (version < 3) {
		if (st->readonly || st->checking)
			die(EXIT_SYSTEM, "%s: made by an older saring (schema %d); run 'saring reindex' to upgrade it",
			    st->path, version);
		const char *step = version < 2
			? "CREATE TABLE termdf (h INTEGER PRIMARY KEY, df INTEGER NOT NULL, docs BLOB)"
			: "ALTER TABLE termdf ADD COLUMN docs BLOB";
		if (store_exec(st, "BEGIN IMMEDIATE") < 0 || store_exec(st, step) < 0 ||
		    store_exec(st, "CREATE TABLE doc_terms (n INTEGER PRIMARY KEY, "
				   "terms BLOB NOT NULL); INSERT INTO doc_terms SELECT n, coalesce(terms, x'') FROM doc; "
				   "ALTER TABLE doc DROP COLUMN terms") < 0 ||
		    store_count_terms(st) < 0 || store_exec(st, "PRAGMA user_version = 3") < 0 || store_commit(st) < 0) {
			struct strbuf msg = STRBUF_INIT;
			sb_puts(&msg, sqlite3_errmsg(st->conn->db));
			store_rollback(st);
			die(EXIT_SYSTEM, "%s: cannot upgrade the schema: %s", st->path, msg.buf);
		}
	}
	if (version < 4) {
		int has = store_query_int(st, "SELECT count(*) FROM pragma_table_info('doc') WHERE name = 'fetched_at'");
		if (store_exec(st, "BEGIN IMMEDIATE") < 0 ||
		    (!has && store_exec(st, "ALTER TABLE doc ADD COLUMN fetched_at TEXT") < 0) ||
		    store_exec(st, "CREATE TABLE IF NOT EXISTS source_state (name TEXT PRIMARY KEY, etag TEXT, "
				   "last_modified TEXT, fetched_at TEXT NOT NULL)") < 0 ||
		    store_exec(st, "PRAGMA user_version = 4") < 0 || store_exec(st, "COMMIT") < 0) {
			struct strbuf msg = STRBUF_INIT;
			sb_puts(&msg, sqlite3_errmsg(st->conn->db));
			store_exec(st, "ROLLBACK");
			die(EXIT_SYSTEM, "%s: cannot upgrade the schema: %s", st->path, msg.buf);
		}
		st->schema = 4;
	}
	if (!st->readonly && !st->checking) {
		fix_label_check(st);
		/* databases made before these were kept: a faster next import, and check */
		if (store_query_int(st, "SELECT count(*) FROM doc_fts_config WHERE k = 'hashsize'") == 0)
			store_exec(st, FTS_HASHSIZE);
		if (store_query_int(st, DOCS_KEPT) < 0)
			store_exec(st, DOCS_KEEP);
		store_rehash(st);
	}
}

/*
 * The text pipeline's fingerprint: the built-in tables, the version and
 * PIPELINE_REV (raised when the code gives other tokens: 2, phone numbers
 * as their digits). An index built with another pipeline gives other
 * tokens, so it must be rebuilt (writers do it, readers are told).
 */
#define PIPELINE_REV "2"

static void pipeline_id(char out[17])
{
	struct strbuf sb = STRBUF_INIT;
	const char *parts[] = { SARING_VERSION, PIPELINE_REV, data_slang, data_stopwords,
				data_stem_exceptions, data_keep_in, data_stopwords_en };
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		sb_puts(&sb, parts[i]);
		sb_putc(&sb, '\x1e');
	}
	snprintf(out, 17, "%016llx", (unsigned long long)hash64(sb.buf, sb.len));
	sb_release(&sb);
}

static void check_pipeline(struct store *st)
{
	char want[17];
	pipeline_id(want);
	sqlite3_stmt *s = store_prepare(st, "SELECT value FROM meta WHERE key = 'pipeline'");
	const unsigned char *have = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
	int same = have && !strcmp((const char *)have, want);
	sqlite3_finalize(s);
	if (same)
		return;
	if (st->readonly) {
		warnx_("%s: indexed by another version of saring's text pipeline; "
		       "results may be off until you run 'saring reindex'", st->path);
		return;
	}
	sqlite3_stmt *u = store_prepare(st, "INSERT OR REPLACE INTO meta(key, value) VALUES ('pipeline', ?1)");
	sqlite3_bind_text(u, 1, want, -1, SQLITE_STATIC);
	if (store_exec(st, "BEGIN IMMEDIATE") < 0)
		store_die(st, "cannot update the index");
	if (store_query_int(st, "SELECT count(*) FROM doc") > 0) {
		warnx_("%s: the text pipeline changed; rebuilding the index", st->path);
		if (store_reindex(st) < 0) {
			store_rollback(st);
			store_die(st, "cannot rebuild the index");
		}
	}
	int rc = sqlite3_step(u);
	sqlite3_finalize(u);
	if (rc != SQLITE_DONE || store_commit(st) < 0)
		store_die(st, "cannot update the index");
}

/* Append path to a "file:" URI, escaping what SQLite's URI parser reads. */
static void uri_path(struct strbuf *uri, const char *path)
{
	sb_puts(uri, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			sb_printf(uri, "%%%02X", (unsigned char)*p);
		else
			sb_putc(uri, *p);
	}
	sb_puts(uri, "?immutable=1");
}

/*
 * Open the connection and set it up: result codes, busy timeout, tokenizer.
 * A connection is used by one thread at a time (an import's writer, the
 * web server's), so SQLite's own locks are left out, as is its count of
 * memory in use: each took a mutex per call (3% of an import).
 */
static void no_memstatus(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);   /* before SQLite initializes; refused after */
}

static void open_db(struct store *st, const char *vfs_path, int flags)
{
	static pthread_once_t configured = PTHREAD_ONCE_INIT;   /* SQLite is configured once a process */
	pthread_once(&configured, no_memstatus);
	if (sqlite3_open_v2(vfs_path, &st->conn->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		store_die(st, "cannot open");
	sqlite3_extended_result_codes(st->conn->db, 0);
	const char *busy = getenv("SARING_BUSY_MS");
	sqlite3_busy_timeout(st->conn->db, busy ? atoi(busy) : 5000);
	if (fts_tok_register(st->conn->db, st->conn->tok) < 0)
		die(EXIT_SYSTEM, "this SQLite has no FTS5");
}

/*
 * Does reading fail for want of write access? A WAL database needs its
 * -wal and -shm files, which cannot be made in a read-only folder or file
 * system.
 */
static int cannot_read_here(struct store *st)
{
	int rc = sqlite3_exec(st->conn->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	return rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN;
}

/* Is there no -wal file with commits in it, so the database file alone is whole? */
static int no_wal(struct store *st)
{
	struct strbuf wal = STRBUF_INIT;
	sb_printf(&wal, "%s-wal", st->path);
	struct stat sb;
	int none = stat(wal.buf, &sb) != 0 || sb.st_size == 0;
	sb_release(&wal);
	return none;
}

/*
 * A reader of the user's own database (no --db, no SARING_DB) that holds
 * no documents yet (an update that could fetch nothing, a first import
 * that failed) reads the bundled starter corpus instead, and says so: an
 * empty database must not answer "nothing close" for every message.
 */
static int holds_no_documents(struct store *st)
{
	sqlite3_stmt *s;
	int empty = 0;
	if (sqlite3_prepare_v2(st->conn->db, "SELECT NOT EXISTS (SELECT 1 FROM doc)", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		empty = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);   /* not a saring database, or locked: check_schema() says so */
	return empty;
}

/* store_open(), or with starter set the starter corpus whatever the path. */
static struct store *open_store(const char *path, enum store_mode mode, int starter)
{
	struct store *st = xcalloc(1, sizeof *st);
	st->conn = xcalloc(1, sizeof *st->conn);
	st->conn->tok = fts_tok_new();
	int explicit_path = path || (getenv("SARING_DB") && *getenv("SARING_DB"));
	st->path = path ? xstrdup(path) : default_path();
	int flags = SQLITE_OPEN_READONLY;
	const char *vfs_path = st->path;
	struct strbuf uri = STRBUF_INIT;
	struct stat sb;
	int exists = !starter && stat(st->path, &sb) == 0;
	if (exists && S_ISDIR(sb.st_mode))
		die(EXIT_SYSTEM, "%s: is a directory", st->path);
	if (exists && !S_ISREG(sb.st_mode))   /* a FIFO would block the open */
		die(EXIT_SYSTEM, "%s: not a regular file", st->path);
	if (mode == STORE_WRITE) {
		flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
		if (!exists) {
			if (!explicit_path && mkdirs(st->path) < 0)
				die(EXIT_SYSTEM, "%s: cannot create its folder: %s", st->path, strerror(errno));
			int fd = open(st->path, O_WRONLY | O_CREAT | O_EXCL, 0600);
			if (fd < 0 && errno == EEXIST)   /* a dangling symbolic link: make its target, 0600 too */
				fd = open(st->path, O_WRONLY | O_CREAT, 0600);
			if (fd < 0 && errno != EEXIST)
				die(EXIT_SYSTEM, "%s: %s", st->path, strerror(errno));
			if (fd >= 0)
				close(fd);
		}
	} else if (!exists) {
		if (explicit_path)
			die(EXIT_SYSTEM, "%s: no such database; create one with 'saring import'", st->path);
		free(st->path);
		st->path = starter_path();
		if (access(st->path, R_OK) != 0)
			die(EXIT_SYSTEM, "no database yet and no starter corpus at %s; run 'saring import FILE'", st->path);
		st->starter = 1;
		uri_path(&uri, st->path);
		vfs_path = uri.buf;
		flags |= SQLITE_OPEN_URI;
	}
	if (mode == STORE_CHECK && !st->starter && access(st->path, W_OK) == 0)
		flags = SQLITE_OPEN_READWRITE;
	st->readonly = !(flags & SQLITE_OPEN_READWRITE);
	st->checking = mode == STORE_CHECK;
	open_db(st, vfs_path, flags);
	if (mode == STORE_WRITE && sqlite3_db_readonly(st->conn->db, "main") == 1)
		die(EXIT_SYSTEM, "%s: the database is read-only; nothing can be written to it", st->path);
	if (!st->starter && cannot_read_here(st)) {
		if (mode == STORE_WRITE)
			die(EXIT_SYSTEM, "%s: its folder is read-only; nothing can be written to the database",
			    st->path);
		/* a reader: read-only, and as immutable when no commit waits in a -wal file */
		sqlite3_close(st->conn->db);
		st->readonly = 1;
		sb_reset(&uri);
		if (no_wal(st)) {
			uri_path(&uri, st->path);
			open_db(st, uri.buf, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
		} else {
			open_db(st, st->path, SQLITE_OPEN_READONLY);
		}
	}
	sb_release(&uri);
	if (mode == STORE_READ && !explicit_path && !st->starter && holds_no_documents(st)) {
		warnx_(_("%s holds no documents yet; reading the bundled starter corpus (fill it with 'saring import' "
			 "or 'saring update')"), st->path);
		store_close(st);
		return open_store(NULL, mode, 1);
	}
	check_schema(st);
	if (mode == STORE_WRITE) {
		if (store_exec(st, "PRAGMA journal_mode=WAL") < 0)
			store_die(st, "cannot open for writing");
		store_exec(st, "PRAGMA synchronous=NORMAL");
	}
	check_pipeline(st);
	store_exec(st, "PRAGMA foreign_keys=ON");
	store_exec(st, "PRAGMA cache_size=-8192");   /* 8 MiB of pages */
	store_exec(st, "PRAGMA mmap_size=1073741824");
	return st;
}

struct store *store_open(const char *path, enum store_mode mode)
{
	return open_store(path, mode, 0);
}

void store_close(struct store *st)
{
	if (!st)
		return;
	sqlite3_finalize(st->conn->df);
	sqlite3_finalize(st->conn->docs);
	struct write_stmts *w = &st->conn->w;
	sqlite3_stmt *mine[] = { w->find, w->old, w->fts_delete, w->fts_insert, w->insert, w->update,
				 w->del, w->terms, w->terms_delete };
	for (size_t i = 0; i < sizeof mine / sizeof *mine; i++)
		sqlite3_finalize(mine[i]);
	/* statements of FTS5's own are finalized by close; callers finalize theirs */
	if (sqlite3_close(st->conn->db) != SQLITE_OK)
		sqlite3_close_v2(st->conn->db);
	free(st->path);
	free(st->held_by);
	fts_tok_free(st->conn->tok);
	postings_clear(&st->conn->pending);
	free(st->conn);
	free(st);
}

