/*
 * db.c — opening, creating, migrating, copying and closing the database:
 * the handle's life.  Statements and transactions are sql.c's.
 */
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* 'YGON': tells our databases from any other SQLite file. */
#define YG_APPLICATION_ID 0x59474F4E
#define YG_BUSY_TIMEOUT_MS 10000

int yg_schema_latest(void)
{
	return (int)yg_schema_count;
}

/* ---- open, create, migrate ---- */

static int pragma_int(yg_db *db, const char *sql, int *out)
{
	sqlite3_stmt *st = yg_prepare(db, sql);
	if (!st)
		return YG_ERROR;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? YG_OK : yg_sql_fail(db, "pragma");
}

int yg_db_schema_version(yg_db *db)
{
	int v = -1;
	pragma_int(db, "PRAGMA user_version", &v);
	return v;
}

/* Test-only fault injection (internal.h): NULL in the program. */
int (*yg_upgrade_fault)(yg_db *db);

/* Every row that refers to another still finds it. */
static int references_hold(yg_db *db)
{
	sqlite3_stmt *st = yg_prepare(db, "PRAGMA foreign_key_check");
	int rc;

	if (!st)
		return YG_ERROR;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = yg_fail(YG_ERROR,
			"after the migrations, table %s row %lld refers to a missing row",
			(const char *)sqlite3_column_text(st, 0),
			(long long)sqlite3_column_int64(st, 1));
	else
		rc = rc == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "foreign_key_check");
	sqlite3_finalize(st);
	return rc;
}

/*
 * Applies the migrations after version from, in order, inside the caller's
 * transaction; the last step stamps the version and our application id.
 * The caller has turned foreign keys off (foreign_keys): a migration that
 * changes a table the way SQLite has to — create the new one, copy, drop
 * the old, rename — would otherwise cascade the drop into every row that
 * refers to it (values, explanations).  They are checked here instead, once
 * every migration has run.
 */
static int apply_migrations(yg_db *db, int from)
{
	int rc = YG_OK;
	char *set;

	for (int v = from; v < (int)yg_schema_count && rc == YG_OK; v++)
		rc = yg_exec(db, yg_schema_migrations[v]);
	if (rc == YG_OK && yg_upgrade_fault)
		rc = yg_upgrade_fault(db);
	if (rc == YG_OK)
		rc = references_hold(db);
	if (rc != YG_OK)
		return rc;
	/* PRAGMA takes no parameters; the number is ours, not the user's. */
	set = yg_asprintf("PRAGMA user_version = %d; PRAGMA application_id = %d",
		(int)yg_schema_count, YG_APPLICATION_ID);
	rc = set ? yg_exec(db, set) : YG_ENOMEM;
	free(set);
	return rc;
}

/* Outside any transaction only: SQLite ignores the pragma inside one. */
static int foreign_keys(yg_db *db, bool on)
{
	return yg_exec(db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
}

int yg_db_migrate(yg_db *db, int from)
{
	int rc = foreign_keys(db, false);

	if (rc == YG_OK && (rc = yg_write_begin(db)) == YG_OK)
		rc = yg_write_end(db, apply_migrations(db, from));
	if (foreign_keys(db, true) != YG_OK && rc == YG_OK)
		rc = YG_ERROR;
	return rc;
}

/* ---- copies of the database ---- */

/*
 * A consistent copy of src at path, never over an existing file: written to
 * a temporary beside it (mkstemp) and linked into place when complete, so a
 * failure leaves neither the file nor its journal.
 */
int yg_db_copy(sqlite3 *src, const char *path)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	struct stat sb;
	char *tmp = NULL, *journal = NULL;
	FILE *fp;
	int rc;

	/* Written as a temporary beside it (mkstemp) and linked into place
	 * when complete: a failure leaves neither the file nor its journal. */
	if (!(fp = yg_temp_beside(path, &tmp)))
		return YG_ERROR;
	fclose(fp);
	if (chmod(tmp, 0660) != 0 || !(journal = yg_asprintf("%s-journal", tmp))) {
		rc = yg_fail(YG_ERROR, "cannot create %s: %s", path, strerror(errno));
		goto fail;
	}
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL)
	    != SQLITE_OK) {
		rc = yg_fail(YG_ERROR, "cannot open %s: %s", tmp,
			dst ? sqlite3_errmsg(dst) : "out of memory");
		goto fail;
	}
	/* One step of all pages: the copy is one consistent snapshot (a read
	 * transaction on the source), and writers in WAL mode are not held up. */
	b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		rc = yg_fail(YG_ERROR, "backup failed: %s", sqlite3_errmsg(dst));
		goto fail;
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rc = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED
			? yg_fail(YG_EBUSY, "the database is busy; try again shortly")
			: yg_fail(YG_ERROR, "backup failed: %s", sqlite3_errstr(rc));
		goto fail;
	}
	/* The copy is a rollback-journal file that any sqlite3 opens alone;
	 * yg_db_open switches it back to WAL when it is put to use. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		rc = yg_fail(YG_ERROR, "backup failed: %s", sqlite3_errmsg(dst));
		goto fail;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		dst = NULL;
		rc = yg_fail(YG_ERROR, "backup failed");
		goto fail;
	}
	dst = NULL;
	/* link() refuses a name that appeared meanwhile, where rename would
	 * replace it. */
	if (link(tmp, path) != 0) {
		int err = errno;
		/* a file system without hard links: looked at, then renamed */
		if ((err == EPERM || err == ENOTSUP) && lstat(path, &sb) != 0 &&
		    rename(tmp, path) == 0)
			goto done;
		rc = err == EEXIST
			? yg_fail(YG_EEXIST, "%s already exists; not overwriting it",
				path)
			: yg_fail(YG_ERROR, "cannot create %s: %s", path,
				strerror(err));
		goto fail;
	}
	unlink(tmp);
done:
	free(tmp);
	free(journal);
	return YG_OK;
fail:
	sqlite3_close_v2(dst);
	unlink(tmp);
	if (journal)
		unlink(journal);
	free(tmp);
	free(journal);
	return rc;
}

int yg_db_save_beside(yg_db *db, const char *tag, char **saved)
{
	sqlite3 *src = db->sql;
	int rc = YG_EEXIST;

	*saved = NULL;
	/* SQLite copies nothing from a connection in a write transaction: a
	 * second one reads instead.  Our write lock keeps every writer out, so
	 * what it reads is exactly what our transaction starts from. */
	if (db->txn_depth > 0) {
		src = NULL;
		if (sqlite3_open_v2(db->path, &src, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
				NULL) != SQLITE_OK) {
			rc = yg_fail(YG_ERROR, "cannot open %s: %s", db->path,
				src ? sqlite3_errmsg(src) : "out of memory");
			sqlite3_close_v2(src);
			return rc;
		}
		sqlite3_busy_timeout(src, YG_BUSY_TIMEOUT_MS);
	}
	/* An older copy may be the only one of its kind: none is overwritten,
	 * the next free name is taken instead. */
	for (int n = 1; n < 100 && rc == YG_EEXIST; n++) {
		char *path = n == 1 ? yg_asprintf("%s.%s", db->path, tag)
			: yg_asprintf("%s.%s-%d", db->path, tag, n);

		if (!path) {
			rc = yg_fail(YG_ENOMEM, "out of memory");
			break;
		}
		rc = yg_db_copy(src, path);
		if (rc == YG_OK)
			*saved = path;
		else
			free(path);
	}
	if (src != db->sql)
		sqlite3_close_v2(src);
	return rc;
}

/* ---- upgrading an older database ---- */

/* Says what failed, that nothing changed, and keeps the reason. */
static int upgrade_failed(yg_db *db, int rc, int from, bool unchanged, const char *saved)
{
	const char *zh_left = unchanged ? "数据库保持原样,未作任何改动。"
		: "数据库可能已改动;升级前的副本是 ";
	const char *en_left = unchanged ? "The database is left as it was."
		: "The database may have changed; the copy made before is ";
	char *zh = yg_asprintf("数据库 %s 未能从第 %d 版升级到第 %d 版:%s。%s%s",
		db->path, from, (int)yg_schema_count, yg_errmsg_lang(YG_ZH), zh_left,
		unchanged ? "" : saved ? saved : "(无)");
	char *en = yg_asprintf("database %s could not be upgraded from schema %d to %d: %s. %s%s",
		db->path, from, (int)yg_schema_count, yg_errmsg_lang(YG_EN), en_left,
		unchanged ? "" : saved ? saved : "(none)");

	if (zh && en)
		yg_fail_raw(rc, zh, en);
	free(zh);
	free(en);
	return rc;
}

/*
 * Brings a database of an older schema up to this program's, in place and
 * in one transaction, after copying it beside itself.  The write lock comes
 * first: a second program starting at the same moment waits for it (busy
 * timeout), then reads the version again and finds the work done.  The
 * copy is made inside that transaction, so it is exactly the database the
 * migrations start from.
 */
static int upgrade(yg_db *db, int seen)
{
	int rc, from = seen, after = -1;
	char *tag = NULL, *saved = NULL;

	if ((rc = foreign_keys(db, false)) != YG_OK || (rc = yg_write_begin(db)) != YG_OK) {
		foreign_keys(db, true);
		return upgrade_failed(db, rc, seen, true, NULL);
	}
	rc = pragma_int(db, "PRAGMA user_version", &from);
	if (rc == YG_OK && from >= (int)yg_schema_count) {
		/* Another program upgraded it while we waited. */
		rc = yg_write_end(db, YG_OK);
		if (foreign_keys(db, true) != YG_OK && rc == YG_OK)
			rc = YG_ERROR;
		if (rc == YG_OK && from > (int)yg_schema_count)
			rc = yg_fail(YG_EINVAL,
				"database %s has schema version %d, newer than this program's %d; upgrade yigong",
				db->path, from, (int)yg_schema_count);
		return rc;
	}
	if (rc == YG_OK && !(tag = yg_asprintf("before-upgrade.v%d", from)))
		rc = yg_fail(YG_ENOMEM, "out of memory");
	if (rc == YG_OK)
		rc = yg_db_save_beside(db, tag, &saved);
	free(tag);
	if (rc == YG_OK)
		rc = apply_migrations(db, from);
	rc = yg_write_end(db, rc);
	if (foreign_keys(db, true) != YG_OK && rc == YG_OK)
		rc = YG_ERROR;
	if (rc == YG_OK) {
		db->upgraded_from = from;
		db->upgrade_copy = saved;
		return YG_OK;
	}
	/* Rolled back: the version read again says whether it really is as
	 * it was; only then is the copy redundant (every program that opens
	 * the database tries again, and would leave one copy each). */
	{
		char *keep_zh = yg_strdup(yg_errmsg_lang(YG_ZH));
		char *keep_en = yg_strdup(yg_errmsg_lang(YG_EN));
		bool unchanged = pragma_int(db, "PRAGMA user_version", &after) == YG_OK &&
			after == from;

		yg_fail_raw(rc, keep_zh ? keep_zh : "", keep_en ? keep_en : "");
		free(keep_zh);
		free(keep_en);
		if (unchanged && saved)
			unlink(saved);
		rc = upgrade_failed(db, rc, from, unchanged, saved);
	}
	free(saved);
	return rc;
}

int yg_db_upgraded_from(yg_db *db, const char **copy)
{
	assert(db);
	if (copy)
		*copy = db->upgrade_copy;
	return db->upgraded_from;
}

static int configure_connection(yg_db *db)
{
	sqlite3_busy_timeout(db->sql, YG_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db->sql, 1);
	int rc = yg_exec(db, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;"
		" PRAGMA synchronous = NORMAL;");
	int persist = 1;

	/* -wal and -shm outlive the last connection: the ones init made (root's
	 * in a deployment, doc/deploy.md) stay, and no user's process ever
	 * creates them anew, which would make them that user's files. */
	if (rc == YG_OK)
		sqlite3_file_control(db->sql, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	return rc;
}

static int connect(const char *path, int flags, yg_db **out)
{
	yg_db *db = calloc(1, sizeof *db);
	if (!db)
		return yg_fail(YG_ENOMEM, "out of memory");
	db->path = strdup(path);
	db->judge_at_commit = yg_findings_flush;
	if (sqlite3_open_v2(path, &db->sql, flags, NULL) != SQLITE_OK) {
		int rc = yg_fail(YG_ERROR, "cannot open database %s: %s",
			path, db->sql ? sqlite3_errmsg(db->sql) : "out of memory");
		yg_db_close(db);
		return rc;
	}
	*out = db;
	return YG_OK;
}

int yg_db_check_header(yg_db *db, const char *name, int *version)
{
	int rc, app = 0;

	*version = -1;
	if ((rc = pragma_int(db, "PRAGMA application_id", &app)) != YG_OK ||
	    (rc = pragma_int(db, "PRAGMA user_version", version)) != YG_OK) {
		if ((sqlite3_extended_errcode(db->sql) & 0xff) == SQLITE_NOTADB)
			rc = yg_fail(YG_EINVAL, "%s is not a Yigong database",
				name);
		return rc;
	}
	if (app != YG_APPLICATION_ID && !(app == 0 && *version == 0))
		return yg_fail(YG_EINVAL, "%s is not a Yigong database", name);
	if (*version == 0) {
		/* Tables but no Yigong marks: another program's SQLite file. */
		int tables = 0;

		pragma_int(db, "SELECT count(*) FROM sqlite_schema", &tables);
		if (tables)
			return yg_fail(YG_EINVAL,
				"%s is another program's SQLite database, not a Yigong one", name);
		return yg_fail(YG_EINVAL, "%s is an empty database, not a Yigong one", name);
	}
	if (*version > (int)yg_schema_count)
		return yg_fail(YG_EINVAL,
			"database %s has schema version %d, newer than this program's %d; upgrade yigong",
			name, *version, (int)yg_schema_count);
	return YG_OK;
}

int yg_db_open(const char *path, yg_db **out)
{
	assert(path && out);
	struct stat sb;
	yg_db *db;
	int rc, version = -1;

	*out = NULL;
	if (stat(path, &sb) != 0)
		return yg_fail(YG_ENOTFOUND,
			"database %s does not exist; create it first with yigong init --db %s",
			path, path);
	if (!S_ISREG(sb.st_mode))
		return yg_fail(YG_EINVAL, "%s is not a database file", path);
	if (access(path, R_OK | W_OK) != 0)
		return yg_fail(YG_ERROR, "no permission to read and write %s",
			path);
	rc = connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, &db);
	if (rc != YG_OK)
		return rc;
	/* Wait, do not fail, when another process is writing or recovering
	 * the WAL while we read the header. */
	sqlite3_busy_timeout(db->sql, YG_BUSY_TIMEOUT_MS);
	if ((rc = yg_db_check_header(db, path, &version)) != YG_OK) {
		yg_db_close(db);
		return rc;
	}
	rc = configure_connection(db);
	if (rc == YG_OK && version < (int)yg_schema_count)
		rc = upgrade(db, version);
	if (rc != YG_OK) {
		yg_db_close(db);
		return rc;
	}
	*out = db;
	return YG_OK;
}

int yg_db_create(const char *path, yg_db **out)
{
	assert(path && out);
	yg_db *db;
	int fd, rc;

	*out = NULL;
	/* O_EXCL: never overwrite; 0660 so a county's group can share the file. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0660);
	if (fd < 0) {
		if (errno == EEXIST)
			return yg_fail(YG_EEXIST, "%s already exists; not overwriting it",
				path);
		return yg_fail(YG_ERROR, "cannot create %s: %s", path,
			strerror(errno));
	}
	/* The umask would make it 0644: a county's group shares the file. */
	if (fchmod(fd, 0660) != 0) {
		int e = errno;
		close(fd);
		unlink(path);
		return yg_fail(YG_ERROR, "cannot set the mode of %s: %s", path,
			strerror(e));
	}
	close(fd);
	rc = connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, &db);
	if (rc == YG_OK)
		rc = configure_connection(db);
	if (rc == YG_OK)
		rc = yg_db_migrate(db, 0);
	if (rc == YG_OK)
		rc = yg_targets_load(db);
	if (rc != YG_OK) {
		yg_db_close(db);
		unlink(path);
		return rc;
	}
	*out = db;
	return YG_OK;
}

void yg_db_close(yg_db *db)
{
	if (!db)
		return;
	for (int q = 0; q < YG_Q_COUNT; q++)
		sqlite3_finalize(db->cached[q]);
	sqlite3_close_v2(db->sql);
	yg_user_clear(&db->actor);
	free(db->acting_for);
	free(db->upgrade_copy);
	free(db->path);
	free(db);
}
