/*
 * restore.c — yigong restore: the database in a file takes the live one's
 * place; the counterpart of yg_backup.
 *
 * The file is read into memory and judged there (a Yigong database of this
 * or an older schema, sound by its integrity check; upgraded if older), so
 * a bad file never comes near the live one.  It is then written over the
 * live database with SQLite's backup API, in one write transaction of the
 * live file: nothing is renamed or replaced under another connection, the
 * file keeps its owner, group and mode (the setgid deployment depends on
 * them, doc/deploy.md), and a reader sees either the old database or the
 * restored one, never a mixture.
 *
 * Still it is refused while any other program has the database open: a
 * clerk's screen holds values and versions read from the old database, and
 * saving them into the restored one would mix the two.  Who they are comes
 * from the kernel's table of locks: every SQLite connection to a WAL
 * database holds a shared lock on byte 128 of the -shm file (the "DMS"
 * lock, https://sqlite.org/walformat.html) for as long as it is open.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define WAL_DMS_BYTE 128

static int add_other(char **who, int *n, long pid)
{
	char proc[32];
	struct stat sb;
	const struct passwd *pw = NULL;
	char *name, *t;

	snprintf(proc, sizeof proc, "/proc/%ld", pid);
	/* /proc/PID belongs to the process's user: readable by anyone. */
	if (stat(proc, &sb) == 0)
		pw = getpwuid(sb.st_uid);
	name = pw && pw->pw_name ? yg_asprintf("%s (pid %ld)", pw->pw_name, pid)
		: yg_asprintf("pid %ld", pid);
	if (!name)
		return YG_ENOMEM;
	/* Each connection has its own lock; one process may hold several. */
	if (*who && strstr(*who, name)) {
		free(name);
		return YG_OK;
	}
	t = *who ? yg_asprintf("%s, %s", *who, name) : yg_strdup(name);
	free(name);
	if (!t)
		return YG_ENOMEM;
	free(*who);
	*who = t;
	(*n)++;
	return YG_OK;
}

/*
 * The other programs that have db open: how many, and *who ("wangfang
 * (pid 1234), ..."; NULL when none).  The inode alone identifies the -shm
 * file: on overlay file systems /proc/locks shows the device underneath,
 * not the one stat(2) reports.
 */
static int others_connected(yg_db *db, char **who, int *n)
{
	char *shm = yg_asprintf("%s-shm", db->path);
	struct stat sb;
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	int rc = YG_OK;

	*who = NULL;
	*n = 0;
	if (!shm)
		return yg_fail(YG_ENOMEM, "out of memory");
	if (stat(shm, &sb) != 0) {
		/* No WAL index: nobody has the database open in WAL mode. */
		free(shm);
		return YG_OK;
	}
	free(shm);
	if (!(fp = fopen("/proc/locks", "r")))
		return yg_fail(YG_ERROR,
			"cannot tell who is using the database (/proc/locks: %s)", strerror(errno));
	while (rc == YG_OK && getline(&line, &cap, fp) > 0) {
		char type[16], end[32];
		long pid, start;
		unsigned long ino;
		unsigned maj, mnr;

		/* "1: POSIX  ADVISORY  READ 1234 fe:00:10953174 128 128"; a line
		 * with "->" is a process waiting for a lock, not holding one. */
		if (strstr(line, "->") ||
		    sscanf(line, "%*d: %15s %*s %*s %ld %x:%x:%lu %ld %31s", type, &pid, &maj, &mnr,
			    &ino, &start, end) != 7)
			continue;
		if (strcmp(type, "POSIX") != 0 || ino != (unsigned long)sb.st_ino ||
		    pid == (long)getpid() || start > WAL_DMS_BYTE ||
		    (strcmp(end, "EOF") != 0 && strtol(end, NULL, 10) < WAL_DMS_BYTE))
			continue;
		if (add_other(who, n, pid) != YG_OK)
			rc = yg_fail(YG_ENOMEM, "out of memory");
	}
	free(line);
	fclose(fp);
	return rc;
}

/* Fails with code, the reason the last failure gave, and what it means. */
static int refuse(int code, const char *file, const char *zh_what, const char *en_what)
{
	char *zh = yg_asprintf("%s %s:%s;什么也没有恢复", file, zh_what, yg_errmsg_lang(YG_ZH));
	char *en = yg_asprintf("%s %s: %s; nothing was restored", file, en_what,
		yg_errmsg_lang(YG_EN));

	if (zh && en)
		yg_fail_raw(code, zh, en);
	free(zh);
	free(en);
	return code;
}

static void close_loaded(yg_db *l)
{
	if (!l)
		return;
	/* An upgrade judged its returns through kept statements. */
	for (int q = 0; q < YG_Q_COUNT; q++)
		sqlite3_finalize(l->cached[q]);
	sqlite3_close_v2(l->sql);
	free(l->path);
	free(l);
}

int yg_restore_load(yg_db *db, const char *file, yg_db **loaded)
{
	sqlite3 *src = NULL;
	sqlite3_backup *b;
	sqlite3_stmt *st;
	struct stat sb;
	yg_db *l;
	int rc, version;

	*loaded = NULL;
	if ((rc = yg_need_role(db, YG_ROLE_ADMIN, "恢复数据库", N_("restoring the database"))) != YG_OK)
		return rc;
	if (stat(file, &sb) != 0)
		return errno == ENOENT
			? yg_fail(YG_ENOTFOUND, "cannot find %s", file)
			: yg_fail(YG_ERROR, "cannot read %s: %s", file,
				strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return yg_fail(YG_EINVAL, "%s is not a database file", file);
	if (!(l = calloc(1, sizeof *l)) || !(l->path = strdup(file))) {
		free(l);
		return yg_fail(YG_ENOMEM, "out of memory");
	}
	/* Read-only: the file the admin names is never changed, whatever it is. */
	if (sqlite3_open_v2(file, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(":memory:", &l->sql, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = yg_fail(YG_ERROR, "cannot open %s: %s", file,
			src ? sqlite3_errmsg(src) : "out of memory");
		goto out;
	}
	sqlite3_extended_result_codes(l->sql, 1);
	b = sqlite3_backup_init(l->sql, "main", src, "main");
	rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rc = (rc & 0xff) == SQLITE_NOTADB
			? yg_fail(YG_EINVAL, "%s is not a Yigong database", file)
			: yg_fail(YG_ERROR, "cannot read %s: %s", file,
				sqlite3_errstr(rc));
		goto out;
	}
	if ((rc = yg_db_check_header(l, file, &version)) != YG_OK)
		goto out;
	/* Sound before anything else looks at it: a damaged file is refused,
	 * with SQLite's first words on what is wrong. */
	if (!(st = yg_prepare(l, "SELECT * FROM pragma_integrity_check "
			"UNION ALL SELECT 'foreign key: ' || \"table\" FROM pragma_foreign_key_check"))) {
		rc = refuse(YG_EINVAL, file, "无法检查", N_("cannot be checked"));
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r && strcmp(r, "ok") != 0)
			break;
	}
	if (rc != SQLITE_DONE) {
		const char *r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0)
			: sqlite3_errmsg(l->sql);
		const char *nl;

		/* SQLite's report runs to a line per damaged cell: its first
		 * finding says enough. */
		if (!r)
			r = "?";
		if (!strncmp(r, "*** in database", 15) && (nl = strchr(r, '\n')))
			r = nl + 1;
		rc = yg_fail(YG_EINVAL,
			"%s fails its integrity check: %.*s; nothing was restored", file,
			(int)strcspn(r, "\n"), r);
		sqlite3_finalize(st);
		goto out;
	}
	sqlite3_finalize(st);
	rc = YG_OK;
	if (version < (int)yg_schema_count) {
		if ((rc = yg_db_migrate(l, version)) != YG_OK) {
			rc = refuse(rc, file, "未能升级到本版本", N_("could not be upgraded to this version"));
			goto out;
		}
		l->upgraded_from = version;
	}
out:
	sqlite3_close_v2(src);
	if (rc == YG_OK)
		*loaded = l;
	else
		close_loaded(l);
	return rc;
}

int yg_restore_swap(yg_db *db, yg_db *loaded, char **saved)
{
	sqlite3_backup *b;
	char *who = NULL;
	int rc, n;

	*saved = NULL;
	if ((rc = yg_need_role(db, YG_ROLE_ADMIN, "恢复数据库", N_("restoring the database"))) != YG_OK)
		return rc;
	if ((rc = others_connected(db, &who, &n)) != YG_OK)
		return rc;
	if (n > 0) {
		rc = yg_fail(YG_EBUSY,
			"%d other program(s) have the database open: %s. Restore when they have quit; "
			"the database is unchanged", n, who);
		free(who);
		return rc;
	}
	/* The live database as it was, beside it: a restore of the wrong file
	 * is undone by restoring this one. */
	if ((rc = yg_db_save_beside(db, "before-restore", saved)) != YG_OK)
		return rc;
	b = sqlite3_backup_init(db->sql, "main", loaded->sql, "main");
	rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		return YG_OK;
	/* One write transaction: when it fails, it is rolled back whole. */
	if (!b || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		yg_sql_fail(db, "restore");
	else
		yg_fail(YG_ERROR, "%s", sqlite3_errstr(rc));
	{
		char *zh = yg_asprintf("恢复失败:%s;数据库没有改动(恢复前的副本在 %s)",
			yg_errmsg_lang(YG_ZH), *saved);
		char *en = yg_asprintf("the restore failed: %s; the database is unchanged "
			"(the copy made before is %s)", yg_errmsg_lang(YG_EN), *saved);
		if (zh && en)
			yg_fail_raw(YG_ERROR, zh, en);
		free(zh);
		free(en);
	}
	return YG_ERROR;
}

void yg_restore_free(yg_db *loaded)
{
	close_loaded(loaded);
}
