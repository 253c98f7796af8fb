/*
 * db.c — opening, creating and migrating the database; transactions;
 * settings; the targets table; integrity.
 */
#include <stdio.h>
#include <csv.h>
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

int yg_sql_fail(yg_db *db, const char *what)
{
	int rc = db && db->sql ? sqlite3_extended_errcode(db->sql) : SQLITE_ERROR;
	const char *msg = db && db->sql ? sqlite3_errmsg(db->sql) : "no database";

	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return yg_fail(YG_EBUSY, "数据库正忙(其他用户正在保存),请稍后再试",
			"the database is busy (another user is saving); try again shortly");
	if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN ||
	    (rc & 0xff) == SQLITE_PERM)
		return yg_fail(YG_ERROR, "数据库不可写:%s(%s)", "database not writable: %s (%s)",
			what, msg);
	if ((rc & 0xff) == SQLITE_FULL)
		return yg_fail(YG_ERROR, "磁盘已满,未能保存", "disk full: nothing was saved");
	return yg_fail(YG_ERROR, "数据库错误:%s(%s)", "database error: %s (%s)", what, msg);
}

sqlite3_stmt *yg_prepare(yg_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
		yg_sql_fail(db, "prepare");
		return NULL;
	}
	return st;
}

sqlite3_stmt *yg_prepare_cached(yg_db *db, enum yg_query q, const char *sql)
{
	if (!db->cached[q] && sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
			&db->cached[q], NULL) != SQLITE_OK) {
		yg_sql_fail(db, "prepare");
		return NULL;
	}
	sqlite3_reset(db->cached[q]);
	sqlite3_clear_bindings(db->cached[q]);
	return db->cached[q];
}

int yg_exec(yg_db *db, const char *sql)
{
	if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
		return yg_sql_fail(db, "exec");
	return YG_OK;
}

char *yg_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? strdup((const char *)t) : NULL;
}

/* ---- transactions ---- */

/*
 * Write transactions nest: the outermost is BEGIN IMMEDIATE, each inner one
 * a savepoint, so that a core call that fails inside a caller's transaction
 * (the demo, an import) leaves nothing half-written behind it.
 */
int yg_write_begin(yg_db *db)
{
	yg_target_memo_forget(db);
	if (db->txn_depth > 0) {
		if (sqlite3_exec(db->sql, "SAVEPOINT yg_nested", NULL, NULL, NULL) != SQLITE_OK)
			return yg_sql_fail(db, "savepoint");
		db->txn_depth++;
		return YG_OK;
	}
	/* IMMEDIATE: take the write lock now, so a concurrent writer makes us
	 * wait (busy timeout) instead of failing at commit (PITFALLS). */
	if (sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return yg_sql_fail(db, "begin");
	db->txn_depth = 1;
	return YG_OK;
}

int yg_write_end(yg_db *db, int rc)
{
	yg_target_memo_forget(db);
	if (db->txn_depth > 1) {
		db->txn_depth--;
		if (rc != YG_OK)
			sqlite3_exec(db->sql, "ROLLBACK TO yg_nested", NULL, NULL, NULL);
		if (sqlite3_exec(db->sql, "RELEASE yg_nested", NULL, NULL, NULL) != SQLITE_OK &&
		    rc == YG_OK)
			rc = yg_sql_fail(db, "release");
		return rc;
	}
	/* Findings of the returns the transaction may have moved are judged
	 * with everything it wrote, and commit with it. */
	if (rc == YG_OK)
		rc = yg_findings_flush(db);
	db->txn_depth = 0;
	/* Changes to the tree are judged whole, just before they commit. */
	if (rc == YG_OK && db->tree_dirty)
		rc = yg_org_tree_verify(db);
	db->tree_dirty = false;
	if (rc == YG_OK) {
		if (sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
			return YG_OK;
		rc = yg_sql_fail(db, "commit");
	}
	sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	yg_target_memo_forget(db);
	return rc;
}

int yg_begin(yg_db *db)
{
	return yg_write_begin(db);
}

int yg_commit(yg_db *db)
{
	return yg_write_end(db, YG_OK);
}

void yg_rollback(yg_db *db)
{
	yg_write_end(db, YG_ERROR);
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
		rc = yg_fail(YG_ERROR, "迁移后表 %s 第 %lld 行引用不存在的记录",
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
		rc = yg_fail(YG_ERROR, "无法创建 %s:%s", "cannot create %s: %s", path, strerror(errno));
		goto fail;
	}
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL)
	    != SQLITE_OK) {
		rc = yg_fail(YG_ERROR, "无法打开 %s:%s", "cannot open %s: %s", tmp,
			dst ? sqlite3_errmsg(dst) : "out of memory");
		goto fail;
	}
	/* One step of all pages: the copy is one consistent snapshot (a read
	 * transaction on the source), and writers in WAL mode are not held up. */
	b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		rc = yg_fail(YG_ERROR, "备份失败:%s", "backup failed: %s", sqlite3_errmsg(dst));
		goto fail;
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rc = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED
			? yg_fail(YG_EBUSY, "数据库正忙,请稍后再试", "the database is busy; try again shortly")
			: yg_fail(YG_ERROR, "备份失败:%s", "backup failed: %s", sqlite3_errstr(rc));
		goto fail;
	}
	/* The copy is a rollback-journal file that any sqlite3 opens alone;
	 * yg_db_open switches it back to WAL when it is put to use. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		rc = yg_fail(YG_ERROR, "备份失败:%s", "backup failed: %s", sqlite3_errmsg(dst));
		goto fail;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		dst = NULL;
		rc = yg_fail(YG_ERROR, "备份失败", "backup failed");
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
			? yg_fail(YG_EEXIST, "%s 已存在,不会覆盖", "%s already exists; not overwriting it",
				path)
			: yg_fail(YG_ERROR, "无法创建 %s:%s", "cannot create %s: %s", path,
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
			rc = yg_fail(YG_ERROR, "无法打开 %s:%s", "cannot open %s: %s", db->path,
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
			rc = yg_fail(YG_ENOMEM, "内存不足", "out of memory");
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
			rc = yg_fail(YG_EINVAL, "数据库 %s 的版本(%d)比本程序新(%d),请升级 yigong",
				"database %s has schema version %d, newer than this program's %d; upgrade yigong",
				db->path, from, (int)yg_schema_count);
		return rc;
	}
	if (rc == YG_OK && !(tag = yg_asprintf("before-upgrade.v%d", from)))
		rc = yg_fail(YG_ENOMEM, "内存不足", "out of memory");
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

int yg_db_upgraded(yg_db *db, const char **copy)
{
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
		return yg_fail(YG_ENOMEM, "内存不足", "out of memory");
	db->path = strdup(path);
	if (sqlite3_open_v2(path, &db->sql, flags, NULL) != SQLITE_OK) {
		int rc = yg_fail(YG_ERROR, "无法打开数据库 %s:%s", "cannot open database %s: %s",
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
			rc = yg_fail(YG_EINVAL, "%s 不是 Yigong 数据库", "%s is not a Yigong database",
				name);
		return rc;
	}
	if (app != YG_APPLICATION_ID && !(app == 0 && *version == 0))
		return yg_fail(YG_EINVAL, "%s 不是 Yigong 数据库", "%s is not a Yigong database", name);
	if (*version == 0) {
		/* Tables but no Yigong marks: another program's SQLite file. */
		int tables = 0;

		pragma_int(db, "SELECT count(*) FROM sqlite_schema", &tables);
		if (tables)
			return yg_fail(YG_EINVAL, "%s 是其他程序的 SQLite 数据库,不是 Yigong 数据库",
				"%s is another program's SQLite database, not a Yigong one", name);
		return yg_fail(YG_EINVAL, "%s 是空数据库,不是 Yigong 数据库",
			"%s is an empty database, not a Yigong one", name);
	}
	if (*version > (int)yg_schema_count)
		return yg_fail(YG_EINVAL, "数据库 %s 的版本(%d)比本程序新(%d),请升级 yigong",
			"database %s has schema version %d, newer than this program's %d; upgrade yigong",
			name, *version, (int)yg_schema_count);
	return YG_OK;
}

int yg_db_open(const char *path, yg_db **out)
{
	struct stat sb;
	yg_db *db;
	int rc, version = -1;

	*out = NULL;
	if (stat(path, &sb) != 0)
		return yg_fail(YG_ENOTFOUND,
			"数据库 %s 不存在;请先运行 yigong init --db %s 创建",
			"database %s does not exist; create it first with yigong init --db %s",
			path, path);
	if (!S_ISREG(sb.st_mode))
		return yg_fail(YG_EINVAL, "%s 不是数据库文件", "%s is not a database file", path);
	if (access(path, R_OK | W_OK) != 0)
		return yg_fail(YG_ERROR, "没有读写数据库 %s 的权限", "no permission to read and write %s",
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
	yg_db *db;
	int fd, rc;

	*out = NULL;
	/* O_EXCL: never overwrite; 0660 so a county's group can share the file. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0660);
	if (fd < 0) {
		if (errno == EEXIST)
			return yg_fail(YG_EEXIST, "%s 已存在,不会覆盖", "%s already exists; not overwriting it",
				path);
		return yg_fail(YG_ERROR, "无法创建 %s:%s", "cannot create %s: %s", path,
			strerror(errno));
	}
	/* The umask would make it 0644: a county's group shares the file. */
	if (fchmod(fd, 0660) != 0) {
		int e = errno;
		close(fd);
		unlink(path);
		return yg_fail(YG_ERROR, "无法设置 %s 的权限:%s", "cannot set the mode of %s: %s", path,
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

/* ---- settings ---- */

int yg_setting_get_int(yg_db *db, const char *key, int fallback)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT value FROM setting WHERE key = ?");
	int v = fallback;
	if (!st)
		return fallback;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int yg_setting_set_int(yg_db *db, const char *key, int value)
{
	/* Settings are the county's: only a root-scoped admin changes them. */
	int rc = yg_need_access(db, YG_ROLE_ADMIN, "修改县设置", "change county settings",
		YG_PLACE_ROOT, 0);
	int old;
	char oldbuf[16], newbuf[16];
	sqlite3_stmt *st;

	if (rc != YG_OK)
		return rc;
	/* The due day is effective-dated: from the first month not yet due. */
	if (strcmp(key, YG_SET_DUE_DAY) == 0)
		return yg_due_day_set(db, value, 0);
	if (strcmp(key, YG_SET_CONTRACT_START) == 0 && (value < 1 || value > 12))
		return yg_fail(YG_EINVAL, "合同年起始月应在 1–12 之间",
			"the contract year's first month must be 1-12");
	if (strcmp(key, YG_SET_GDP_GROWTH) == 0 && (value < -100 || value > 300))
		return yg_fail(YG_EINVAL, "GDP 增幅应在 -10.0%%–30.0%% 之间",
			"GDP growth must be -10.0%% to 30.0%%");
	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	old = yg_setting_get_int(db, key, -1);
	st = yg_prepare(db, "INSERT INTO setting(key, value) VALUES(?, ?) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	if (!st)
		return yg_write_end(db, YG_ERROR);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, value);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "setting");
	sqlite3_finalize(st);
	snprintf(oldbuf, sizeof oldbuf, "%d", old);
	snprintf(newbuf, sizeof newbuf, "%d", value);
	if (rc == YG_OK)
		rc = yg_audit_add(db, 0, "setting", key, old < 0 ? NULL : oldbuf, newbuf, NULL);
	return yg_write_end(db, rc);
}

int yg_due_day(yg_db *db, yg_period p)
{
	/* The latest change in force for p; before the first, the day as it
	 * first stood (schema 004 wrote it for every month). */
	sqlite3_stmt *st = yg_prepare(db, "SELECT value FROM setting_history WHERE key = ?1"
		" ORDER BY from_period <= ?2 DESC, (from_period <= ?2) * from_period DESC,"
		" from_period LIMIT 1");
	int day = 0;

	if (st) {
		sqlite3_bind_text(st, 1, YG_SET_DUE_DAY, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, p);
		if (sqlite3_step(st) == SQLITE_ROW)
			day = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (day < 1 || day > 28)
		day = yg_setting_get_int(db, YG_SET_DUE_DAY, 5);
	return day;
}

yg_date yg_due_date(yg_db *db, yg_period p)
{
	int day = yg_due_day(db, p);
	yg_period next = yg_period_add(p, 1);
	return yg_date_from_ymd(yg_period_year(next), yg_period_month(next), day);
}

yg_period yg_due_first_open(yg_db *db)
{
	yg_date today = yg_date_today();
	yg_period p = yg_period_add(yg_period_current(), -2);

	/* A month is due once its due date has passed (the due day itself is
	 * still on time). */
	while (yg_due_date(db, p) < today)
		p = yg_period_add(p, 1);
	return p;
}

int yg_due_day_set(yg_db *db, int day, yg_period from)
{
	int rc = yg_need_role(db, YG_ROLE_ADMIN, "修改县设置", "change county settings");
	yg_period first;
	sqlite3_stmt *st;
	bool any = false;
	char per[8], fp[8], oldbuf[16], newbuf[16];

	if (rc != YG_OK)
		return rc;
	if (day < 1 || day > 28)
		return yg_fail(YG_EINVAL, "截止日应在 1–28 之间", "the due day must be 1-28");
	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	st = yg_prepare(db, "SELECT 1 FROM submission LIMIT 1");
	if (st) {
		any = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	first = yg_due_first_open(db);
	if (!any)
		from = 190001;       /* nothing filed yet: the day for every month */
	else if (!from)
		from = first;
	if (any && from < first) {
		yg_period_format(from, per);
		yg_period_format(first, fp);
		return yg_write_end(db, yg_fail(YG_EINVAL,
			"%s 的报表已过截止日, 其及时率不能改写: 新截止日最早从 %s 起生效",
			"the returns of %s are already due and their timeliness must not change:"
			" a new due day applies from %s at the earliest", per, fp));
	}
	snprintf(oldbuf, sizeof oldbuf, "%d", yg_due_day(db, from));
	snprintf(newbuf, sizeof newbuf, "%d", day);
	/* A new statement replaces changes planned for later months. */
	st = yg_prepare(db, "DELETE FROM setting_history WHERE key = ?1 AND from_period >= ?2");
	if (!st)
		return yg_write_end(db, YG_ERROR);
	sqlite3_bind_text(st, 1, YG_SET_DUE_DAY, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, from);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "setting");
	sqlite3_finalize(st);
	st = rc == YG_OK ? yg_prepare(db, "INSERT INTO setting_history(key, from_period, value)"
		" VALUES(?1, ?2, ?3)") : NULL;
	if (st) {
		sqlite3_bind_text(st, 1, YG_SET_DUE_DAY, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, from);
		sqlite3_bind_text(st, 3, newbuf, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "setting");
		sqlite3_finalize(st);
	} else if (rc == YG_OK) {
		rc = YG_ERROR;
	}
	/* The setting itself says the day of the months to come. */
	st = rc == YG_OK ? yg_prepare(db, "INSERT INTO setting(key, value) VALUES(?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value") : NULL;
	if (st) {
		sqlite3_bind_text(st, 1, YG_SET_DUE_DAY, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, newbuf, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "setting");
		sqlite3_finalize(st);
	} else if (rc == YG_OK) {
		rc = YG_ERROR;
	}
	if (rc == YG_OK) {
		char *what = yg_asprintf("%s@%d", YG_SET_DUE_DAY, from);

		rc = yg_audit_add(db, 0, "setting", what ? what : YG_SET_DUE_DAY, oldbuf, newbuf,
			NULL);
		free(what);
	}
	return yg_write_end(db, rc);
}

/* ---- targets ---- */

/* id,tier,threshold,unit,source,from,to: from and to are YYYY-MM, empty for
 * "since ever" and "no end". */
#define TARGET_COLUMNS 7

struct targets_parse {
	yg_db *db;
	sqlite3_stmt *insert;
	int column, line, rc;
};

static void target_field(void *s, size_t len, void *data)
{
	struct targets_parse *tp = data;
	(void)len;
	if (tp->line > 0 && tp->column < TARGET_COLUMNS)
		sqlite3_bind_text(tp->insert, tp->column + 1, s, -1, SQLITE_TRANSIENT);
	tp->column++;
}

static void target_row(int term, void *data)
{
	struct targets_parse *tp = data;
	(void)term;
	if (tp->line++ > 0 && tp->rc == YG_OK) {
		if (tp->column != TARGET_COLUMNS || sqlite3_step(tp->insert) != SQLITE_DONE)
			tp->rc = yg_fail(YG_ERROR, "data/targets.csv 第 %d 行有误",
				"data/targets.csv line %d is malformed", tp->line);
		sqlite3_reset(tp->insert);
	}
	tp->column = 0;
}

int yg_targets_load(yg_db *db)
{
	struct csv_parser p;
	struct targets_parse tp = { .db = db };
	size_t len = strlen(yg_targets_csv);
	int rc;

	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	rc = yg_exec(db, "DELETE FROM target");
	tp.insert = yg_prepare(db, "INSERT INTO target(id, tier, threshold, unit, source,"
		" valid_from, valid_to) VALUES(?1, ?2, CAST(?3 AS INTEGER), ?4, ?5,"
		" CAST(replace(?6, '-', '') AS INTEGER),"
		" CAST(nullif(replace(?7, '-', ''), '') AS INTEGER))");
	if (rc != YG_OK || !tp.insert)
		return yg_write_end(db, YG_ERROR);
	csv_init(&p, CSV_STRICT | CSV_APPEND_NULL);
	if (csv_parse(&p, yg_targets_csv, len, target_field, target_row, &tp) != len)
		tp.rc = yg_fail(YG_ERROR, "data/targets.csv 格式错误", "data/targets.csv is malformed");
	csv_fini(&p, target_field, target_row, &tp);
	csv_free(&p);
	sqlite3_finalize(tp.insert);
	return yg_write_end(db, tp.rc);
}

int64_t yg_threshold(yg_db *db, const char *target, enum yg_tier tier, int64_t fallback)
{
	int64_t v = fallback;
	/* The row in force now, else the latest: callers without a month. */
	yg_target_at(db, target, tier, yg_period_current(), fallback, &v);
	return v;
}

/* A target's rows are those of its id and of its parts: T6 has T6R and T6K. */
#define TARGET_IDS "(id = ?1 OR (length(id) = length(?1) + 1 AND substr(id, 1, length(?1)) = ?1" \
	" AND substr(id, -1) BETWEEN 'A' AND 'Z'))"
#define TARGET_ROWS TARGET_IDS " AND tier IN (?2, '')"

void yg_target_memo_forget(yg_db *db)
{
	db->nmemo = db->memo_next = 0;
}

/* The memo of yg_target_at, forgotten first when another connection has
 * committed since it was filled. */
static ssize_t memo_find(yg_db *db, const char *target, enum yg_tier tier, yg_period p,
	int64_t fallback)
{
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_DATA_VERSION, "PRAGMA data_version");
	int version = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	if (st)
		sqlite3_reset(st);
	if (version < 0 || version != db->memo_version) {
		yg_target_memo_forget(db);
		db->memo_version = version;
		return -1;
	}
	for (size_t i = 0; i < db->nmemo; i++)
		if (db->memo[i].tier == tier && db->memo[i].p == p &&
		    db->memo[i].fallback == fallback && !strcmp(db->memo[i].id, target))
			return (ssize_t)i;
	return -1;
}

static void memo_keep(yg_db *db, const char *target, enum yg_tier tier, yg_period p,
	int64_t fallback, enum yg_force force, int64_t v)
{
	size_t i = db->memo_next;

	if (strlen(target) >= sizeof db->memo[0].id || db->memo_version < 0)
		return;
	snprintf(db->memo[i].id, sizeof db->memo[i].id, "%s", target);
	db->memo[i].tier = tier;
	db->memo[i].p = p;
	db->memo[i].fallback = fallback;
	db->memo[i].force = force;
	db->memo[i].threshold = v;
	db->memo_next = (i + 1) % (sizeof db->memo / sizeof db->memo[0]);
	if (db->nmemo < sizeof db->memo / sizeof db->memo[0])
		db->nmemo++;
}

enum yg_force yg_target_at(yg_db *db, const char *target, enum yg_tier tier, yg_period p,
	int64_t fallback, int64_t *threshold)
{
	sqlite3_stmt *st;
	enum yg_force force = YG_FORCE_NO_ROW;
	int64_t v = fallback;
	ssize_t m = memo_find(db, target, tier, p, fallback);

	if (m >= 0) {
		if (threshold)
			*threshold = db->memo[m].threshold;
		return db->memo[m].force;
	}

	/* Exactly this id: in force at p, the tier's own row before the
	 * every-tier one, the latest start first. */
	st = yg_prepare(db, "SELECT threshold, valid_from <= ?3 AND (valid_to IS NULL OR"
		" valid_to >= ?3) FROM target WHERE id = ?1 AND tier IN (?2, '')"
		" ORDER BY 2 DESC, tier DESC, (valid_from <= ?3) DESC, valid_from DESC LIMIT 1");
	if (st) {
		sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, yg_tier_name(tier), -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, p);
		if (sqlite3_step(st) == SQLITE_ROW) {
			v = sqlite3_column_int64(st, 0);
			force = sqlite3_column_int(st, 1) ? YG_FORCE_IN : YG_FORCE_NOT_YET;
		}
		sqlite3_finalize(st);
	}
	if (force == YG_FORCE_NO_ROW) {
		/* A rule whose thresholds are its parts' rows (T6: T6R, T6K). */
		st = yg_prepare(db, "SELECT max(valid_from <= ?3 AND (valid_to IS NULL OR"
			" valid_to >= ?3)), min(valid_from) > ?3 FROM target WHERE " TARGET_ROWS
			" HAVING count(*) > 0");
		if (st) {
			sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, yg_tier_name(tier), -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 3, p);
			if (sqlite3_step(st) == SQLITE_ROW)
				force = sqlite3_column_int(st, 0) ? YG_FORCE_IN :
					sqlite3_column_int(st, 1) ? YG_FORCE_NOT_YET : YG_FORCE_ENDED;
			sqlite3_finalize(st);
		}
	} else if (force == YG_FORCE_NOT_YET) {
		/* Not in force: before its first month, or after its last. */
		st = yg_prepare(db, "SELECT min(valid_from) > ?3 FROM target WHERE id = ?1"
			" AND tier IN (?2, '')");
		if (st) {
			sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, yg_tier_name(tier), -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 3, p);
			if (sqlite3_step(st) == SQLITE_ROW && !sqlite3_column_int(st, 0))
				force = YG_FORCE_ENDED;
			sqlite3_finalize(st);
		}
	}
	memo_keep(db, target, tier, p, fallback, force, v);
	if (threshold)
		*threshold = v;
	return force;
}

/* ---- integrity ---- */

int yg_db_integrity(yg_db *db, struct yg_findings *out)
{
	sqlite3_stmt *st = yg_prepare(db, "PRAGMA integrity_check");
	if (!st)
		return YG_ERROR;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r && strcmp(r, "ok") != 0)
			yg_findings_add(out, "DB", YG_SEV_ERROR, NULL, "数据库完整性:%s",
				"database integrity: %s", r);
	}
	sqlite3_finalize(st);
	st = yg_prepare(db, "PRAGMA foreign_key_check");
	if (!st)
		return YG_ERROR;
	while (sqlite3_step(st) == SQLITE_ROW)
		yg_findings_add(out, "DB", YG_SEV_ERROR, NULL, "表 %s 第 %lld 行引用不存在的记录",
			"table %s row %lld refers to a missing row",
			(const char *)sqlite3_column_text(st, 0),
			(long long)sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	/* A tree that breaks its own placement rules (an older version let
	 * org import make one) is an integrity problem too. */
	return yg_org_placement(db, out);
}

/* ---- targets in force ---- */

int yg_findings_in_force(yg_db *db, struct yg_findings *f, enum yg_tier tier, yg_period p)
{
	for (size_t i = 0; i < f->n; i++) {
		struct yg_finding *x = &f->v[i];
		enum yg_force force;
		char *zh, *en;

		if (x->severity != YG_SEV_TARGET || x->met == YG_NOT_IN_FORCE)
			continue;
		force = yg_target_at(db, x->rule, tier, p, 0, NULL);
		if (force != YG_FORCE_NOT_YET && force != YG_FORCE_ENDED)
			continue;
		/* Say from (or until) when; the figure stays in the message: it
		 * is still worth seeing. */
		yg_period edge = 0;
		sqlite3_stmt *st = yg_prepare(db, force == YG_FORCE_NOT_YET ?
			"SELECT min(valid_from) FROM target WHERE " TARGET_ROWS " AND valid_from > ?3" :
			"SELECT max(valid_to) FROM target WHERE " TARGET_ROWS " AND valid_to < ?3");
		if (st) {
			sqlite3_bind_text(st, 1, x->rule, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, yg_tier_name(tier), -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 3, p);
			if (sqlite3_step(st) == SQLITE_ROW)
				edge = sqlite3_column_int(st, 0);
			sqlite3_finalize(st);
		}
		char month[8] = "?";
		if (edge)
			yg_period_format(edge, month);
		if (force == YG_FORCE_NOT_YET) {
			zh = yg_asprintf("%s 自 %s 起生效,本月未生效:%s", x->rule, month,
				x->zh ? x->zh : "");
			en = yg_asprintf("%s in force from %s, not yet: %s", x->rule, month,
				x->en ? x->en : "");
		} else {
			zh = yg_asprintf("%s 已于 %s 停止,本月未生效:%s", x->rule, month,
				x->zh ? x->zh : "");
			en = yg_asprintf("%s ended in %s, not in force: %s", x->rule, month,
				x->en ? x->en : "");
		}
		if (!zh || !en) {
			free(zh);
			free(en);
			return yg_fail(YG_ENOMEM, "内存不足", "out of memory");
		}
		free(x->zh);
		free(x->en);
		x->zh = zh;
		x->en = en;
		x->met = YG_NOT_IN_FORCE;
	}
	return YG_OK;
}

/* ---- the targets table, read and changed by an admin ---- */

void yg_target_list_free(struct yg_target *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].unit);
		free(v[i].source);
	}
	free(v);
}

int yg_target_list(yg_db *db, const char *id, struct yg_target **out, size_t *n)
{
	/* Ids sort as numbers after the T: T2 before T10. */
	sqlite3_stmt *st;
	struct yg_target *v = NULL;
	size_t cap = 0, count = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = yg_need_login(db)) != YG_OK)
		return rc;
	st = yg_prepare(db, "SELECT id, tier, valid_from, valid_to, threshold, unit, source"
		" FROM target WHERE ?1 IS NULL OR " TARGET_IDS
		" ORDER BY CAST(substr(id, 2) AS INTEGER), id, tier, valid_from");
	if (!st)
		return YG_ERROR;
	if (id)
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 32;
			struct yg_target *nv = realloc(v, cap * sizeof *v);
			if (!nv) {
				sqlite3_finalize(st);
				yg_target_list_free(v, count);
				return yg_fail(YG_ENOMEM, "内存不足", "out of memory");
			}
			v = nv;
		}
		struct yg_target *t = &v[count++];
		t->id = yg_col_text(st, 0);
		t->tier = (enum yg_tier)yg_tier_parse((const char *)sqlite3_column_text(st, 1));
		t->from = sqlite3_column_int(st, 2);
		t->to = sqlite3_column_int(st, 3);
		t->threshold = sqlite3_column_int64(st, 4);
		t->unit = yg_col_text(st, 5);
		t->source = yg_col_text(st, 6);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		yg_target_list_free(v, count);
		return yg_sql_fail(db, "target");
	}
	*out = v;
	*n = count;
	return YG_OK;
}

static char *target_describe(int64_t threshold, yg_period from, yg_period to)
{
	char f[8] = "", t[8] = "";
	if (from)
		yg_period_format(from, f);
	if (to)
		yg_period_format(to, t);
	return yg_asprintf("%lld %s..%s", (long long)threshold, f, t);
}

int yg_target_put(yg_db *db, const struct yg_target *t, yg_period old_from)
{
	sqlite3_stmt *st;
	const char *tier = yg_tier_name(t->tier);
	char *before = NULL, *after = NULL, *key = NULL;
	int64_t old_threshold = 0;
	yg_period old_to = 0;
	bool found = false;
	int rc = yg_need_role(db, YG_ROLE_ADMIN, "修改目标", "change targets");

	if (rc != YG_OK)
		return rc;
	if (!t->id || !*t->id)
		return yg_fail(YG_EINVAL, "目标编号为空", "the target id is empty");
	if (t->threshold < 0)
		return yg_fail(YG_EINVAL, "目标 %s 的阈值不能为负", "target %s: the threshold "
			"cannot be negative", t->id);
	if (t->from < 0 || (t->to && t->to < t->from))
		return yg_fail(YG_EINVAL, "目标 %s 的截止月份早于起始月份",
			"target %s: the last month is before the first", t->id);
	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	if (old_from >= 0) {
		st = yg_prepare(db, "SELECT threshold, valid_to FROM target WHERE id = ?"
			" AND tier = ? AND valid_from = ?");
		if (!st)
			return yg_write_end(db, YG_ERROR);
		sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, tier, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, old_from);
		if (sqlite3_step(st) == SQLITE_ROW) {
			found = true;
			old_threshold = sqlite3_column_int64(st, 0);
			old_to = sqlite3_column_int(st, 1);
		}
		sqlite3_finalize(st);
		if (!found) {
			rc = yg_fail(YG_ENOTFOUND, "目标 %s 没有这一行", "target %s has no such row",
				t->id);
			return yg_write_end(db, rc);
		}
	}
	if (old_from < 0) {
		/* A new threshold from a month ends the row in force then, so the
		 * months before keep theirs (audited as that row's change). */
		st = yg_prepare(db, "SELECT valid_from, threshold, valid_to FROM target"
			" WHERE id = ?1 AND tier = ?2 AND valid_from < ?3"
			" AND coalesce(valid_to, 999999) >= ?3");
		if (!st)
			return yg_write_end(db, YG_ERROR);
		sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, tier, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, t->from);
		if (sqlite3_step(st) == SQLITE_ROW) {
			struct yg_target prev = { .id = t->id, .tier = t->tier,
				.from = sqlite3_column_int(st, 0),
				.threshold = sqlite3_column_int64(st, 1),
				.to = yg_period_add(t->from, -1) };
			sqlite3_finalize(st);
			rc = yg_target_put(db, &prev, prev.from);
			if (rc != YG_OK)
				return yg_write_end(db, rc);
		} else {
			sqlite3_finalize(st);
		}
	}
	/* Rows of one id and tier never overlap: a month has one threshold. */
	st = yg_prepare(db, "SELECT valid_from FROM target WHERE id = ?1 AND tier = ?2"
		" AND valid_from <> ?3 AND valid_from <= coalesce(nullif(?5, 0), 999999)"
		" AND coalesce(valid_to, 999999) >= ?4");
	if (!st)
		return yg_write_end(db, YG_ERROR);
	sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tier, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, old_from);
	sqlite3_bind_int(st, 4, t->from);
	sqlite3_bind_int(st, 5, t->to);
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = yg_fail(YG_EINVAL, "目标 %s 在这些月份已有另一行:请先修改那一行的截止月份",
			"target %s already has a row for some of these months: end that row first",
			t->id);
	sqlite3_finalize(st);
	if (rc != YG_OK)
		return yg_write_end(db, rc);
	if (found)
		st = yg_prepare(db, "UPDATE target SET threshold = ?4, valid_from = ?5,"
			" valid_to = nullif(?6, 0) WHERE id = ?1 AND tier = ?2 AND valid_from = ?3");
	else
		st = yg_prepare(db, "INSERT INTO target(id, tier, valid_from, valid_to, threshold,"
			" unit, source) SELECT ?1, ?2, ?5, nullif(?6, 0), ?4, unit, source FROM target"
			" WHERE id = ?1 ORDER BY valid_from DESC LIMIT 1");
	if (!st)
		return yg_write_end(db, YG_ERROR);
	sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tier, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, old_from);
	sqlite3_bind_int64(st, 4, t->threshold);
	sqlite3_bind_int(st, 5, t->from);
	sqlite3_bind_int(st, 6, t->to);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "target");
	if (rc == YG_OK && sqlite3_changes(db->sql) == 0)
		rc = yg_fail(YG_ENOTFOUND, "没有目标 %s", "no target %s", t->id);
	sqlite3_finalize(st);
	if (rc == YG_OK) {
		before = found ? target_describe(old_threshold, old_from, old_to) : NULL;
		after = target_describe(t->threshold, t->from, t->to);
		key = *tier ? yg_asprintf("%s/%s", t->id, tier) : yg_strdup(t->id);
		if (!after || !key)
			rc = yg_fail(YG_ENOMEM, "内存不足", "out of memory");
		else if (!before || strcmp(before, after) != 0)
			rc = yg_audit_add(db, 0, "target", key, before, after, NULL);
	}
	free(before);
	free(after);
	free(key);
	return yg_write_end(db, rc);
}
