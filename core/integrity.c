/*
 * integrity.c — whether the database holds together: SQLite's own checks,
 * foreign keys, and the tree's placement rules (yg_org_placement).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int yg_db_integrity(yg_db *db, struct yg_findings *out)
{
	assert(db && out);
	sqlite3_stmt *st = yg_prepare(db, "PRAGMA integrity_check");
	if (!st)
		return YG_ERROR;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r && strcmp(r, "ok") != 0)
			yg_findings_add(out, "DB", YG_SEV_ERROR, NULL, "database integrity: %s", r);
	}
	sqlite3_finalize(st);
	st = yg_prepare(db, "PRAGMA foreign_key_check");
	if (!st)
		return YG_ERROR;
	while (sqlite3_step(st) == SQLITE_ROW)
		yg_findings_add(out, "DB", YG_SEV_ERROR, NULL,
			"table %s row %lld refers to a missing row",
			(const char *)sqlite3_column_text(st, 0),
			(long long)sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	/* A tree that breaks its own placement rules (an older version let
	 * org import make one) is an integrity problem too. */
	return yg_org_placement(db, out);
}
