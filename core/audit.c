/*
 * audit.c — who changed what, when, from what to what, and why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int yg_audit_add(yg_db *db, int64_t sub_id, const char *entity, const char *key,
	const char *old_value, const char *new_value, const char *comment)
{
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_AUDIT, "INSERT INTO audit(at, login,"
		" acting_for, submission_id, entity, key, old_value, new_value, comment)"
		" VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
	char *now = yg_now_iso();
	int rc;

	if (!st || !now) {
		free(now);
		return st ? yg_fail(YG_ENOMEM, "out of memory") : YG_ERROR;
	}
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, db->actor.login ? db->actor.login : "?", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, db->acting_for, -1, SQLITE_STATIC);
	if (sub_id)
		sqlite3_bind_int64(st, 4, sub_id);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_text(st, 5, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, old_value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, new_value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, comment, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "audit");
	sqlite3_reset(st);
	free(now);
	return rc;
}

void yg_audit_list_free(struct yg_audit *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].at);
		free(v[i].login);
		free(v[i].acting_for);
		free(v[i].entity);
		free(v[i].key);
		free(v[i].old_value);
		free(v[i].new_value);
		free(v[i].comment);
	}
	free(v);
}

int yg_audit_list(yg_db *db, int64_t sub_id, struct yg_audit **out, size_t *n)
{
	assert(db && out && n);
	sqlite3_stmt *st;
	struct yg_audit *v = NULL;
	size_t count = 0, cap = 0;
	int64_t org_id = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = yg_prepare(db, "SELECT org_id FROM submission WHERE id = ?");
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, sub_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		org_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!org_id)
		return yg_fail(YG_ENOTFOUND, "return #%lld does not exist",
			(long long)sub_id);
	if ((rc = yg_need_scope(db, org_id)) != YG_OK)
		return rc;
	st = yg_prepare(db, "SELECT id, at, login, acting_for, entity, key, old_value, new_value,"
		" comment FROM audit WHERE submission_id = ? ORDER BY id");
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, sub_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			struct yg_audit *nv = realloc(v, cap * sizeof *v);
			if (!nv) {
				rc = SQLITE_NOMEM;
				break;
			}
			v = nv;
		}
		struct yg_audit *a = &v[count++];
		a->id = sqlite3_column_int64(st, 0);
		a->at = yg_col_text(st, 1);
		a->login = yg_col_text(st, 2);
		a->acting_for = yg_col_text(st, 3);
		a->sub_id = sub_id;
		a->entity = yg_col_text(st, 4);
		a->key = yg_col_text(st, 5);
		a->old_value = yg_col_text(st, 6);
		a->new_value = yg_col_text(st, 7);
		a->comment = yg_col_text(st, 8);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		yg_audit_list_free(v, count);
		return yg_sql_fail(db, "audit");
	}
	*out = v;
	*n = count;
	return YG_OK;
}
