/*
 * sql.c — statements and transactions on the handle: what every core file
 * that reads or writes the database calls.  The bottom of those files: it
 * calls none of them (the tree check at commit comes in through
 * db->verify_at_commit).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int yg_sql_fail(yg_db *db, const char *what)
{
	int rc = db && db->sql ? sqlite3_extended_errcode(db->sql) : SQLITE_ERROR;
	const char *msg = db && db->sql ? sqlite3_errmsg(db->sql) : "no database";

	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return yg_fail(YG_EBUSY,
			"the database is busy (another user is saving); try again shortly");
	if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN ||
	    (rc & 0xff) == SQLITE_PERM)
		return yg_fail(YG_ERROR, "database not writable: %s (%s)",
			what, msg);
	if ((rc & 0xff) == SQLITE_FULL)
		return yg_fail(YG_ERROR, "disk full: nothing was saved");
	return yg_fail(YG_ERROR, "database error: %s (%s)", what, msg);
}

sqlite3_stmt *yg_prepare(yg_db *db, const char *sql)
{
	assert(db && sql);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
		yg_sql_fail(db, "prepare");
		return NULL;
	}
	return st;
}

sqlite3_stmt *yg_prepare_cached(yg_db *db, enum yg_query q, const char *sql)
{
	assert(db && sql && q < YG_Q_COUNT);
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
	assert(db && sql);
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
	assert(db);
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
	if (rc == YG_OK && db->judge_at_commit)
		rc = db->judge_at_commit(db);
	db->txn_depth = 0;
	/* Changes to the tree are judged whole, just before they commit. */
	if (rc == YG_OK && db->verify_at_commit)
		rc = db->verify_at_commit(db);
	db->verify_at_commit = NULL;
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
