/*
 * findings_stored.c — what the rules found in each return, kept in the
 * database (schema 008) and judged again when anything they read changes.
 * Above submission.c (it runs a return's rules); the transaction reaches it
 * only through db->judge_at_commit, which db.c sets when it connects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- stored findings ----
 *
 * What the rules find in a return is stored (tables finding and
 * finding_count, schema 008) when the return or anything its rules read
 * changes, inside the transaction that changes it: the schema's triggers
 * note the returns a write may have moved (finding_dirty), and
 * yg_findings_flush judges them again just before the commit.  Changes too
 * broad to judge inside one admin's change (a threshold, an outlier
 * setting) drop the counts instead, and yg_findings_refresh judges a month's
 * unjudged returns once, when a screen first reads it.  `check` recomputes
 * every return and reports one whose stored findings differ.
 */

static enum yg_severity severity_parse(const char *s)
{
	if (s && !strcmp(s, "error"))
		return YG_SEV_ERROR;
	if (s && !strcmp(s, "warning"))
		return YG_SEV_WARNING;
	return YG_SEV_TARGET;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int yg_findings_store(yg_db *db, int64_t sub_id, const struct yg_findings *f)
{
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_FINDING_DEL,
		"DELETE FROM finding WHERE submission_id = ?1");
	size_t missed = 0, met = 0;
	int rc;

	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, sub_id);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "finding");
	sqlite3_reset(st);
	for (size_t i = 0; rc == YG_OK && i < f->n; i++) {
		const struct yg_finding *x = &f->v[i];

		if (!(st = yg_prepare_cached(db, YG_Q_FINDING_ADD, "INSERT INTO finding(submission_id,"
				" seq, rule, severity, met, field, num, den, org_code, zh, en)"
				" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")))
			return YG_ERROR;
		sqlite3_bind_int64(st, 1, sub_id);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		sqlite3_bind_text(st, 3, x->rule ? x->rule : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, yg_severity_name(x->severity), -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, x->met);
		bind_text_or_null(st, 6, x->field);
		sqlite3_bind_int64(st, 7, x->num);
		sqlite3_bind_int64(st, 8, x->den);
		bind_text_or_null(st, 9, x->org_code);
		sqlite3_bind_text(st, 10, x->zh ? x->zh : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 11, x->en ? x->en : "", -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "finding");
		sqlite3_reset(st);
		if (x->severity == YG_SEV_TARGET) {
			missed += x->met == YG_MISSED;
			met += x->met == YG_MET;
		}
	}
	if (rc != YG_OK)
		return rc;
	if (!(st = yg_prepare_cached(db, YG_Q_FINDING_COUNT, "INSERT OR REPLACE INTO"
			" finding_count(submission_id, errors, warnings, missed, met)"
			" VALUES(?1, ?2, ?3, ?4, ?5)")))
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, sub_id);
	sqlite3_bind_int64(st, 2, (int64_t)yg_findings_count(f, YG_SEV_ERROR));
	sqlite3_bind_int64(st, 3, (int64_t)yg_findings_count(f, YG_SEV_WARNING));
	sqlite3_bind_int64(st, 4, (int64_t)missed);
	sqlite3_bind_int64(st, 5, (int64_t)met);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "finding");
	sqlite3_reset(st);
	if (rc != YG_OK || !(st = yg_prepare_cached(db, YG_Q_FINDING_CLEAN,
			"DELETE FROM finding_dirty WHERE submission_id = ?1")))
		return rc == YG_OK ? YG_ERROR : rc;
	sqlite3_bind_int64(st, 1, sub_id);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "finding");
	sqlite3_reset(st);
	return rc;
}

/* Judges return id as it stands and stores what its rules find, as the
 * system actor: what a return's rules find must not depend on who caused
 * the change (a clerk's save moves the returns of the months after it).
 * A return of a form this program does not know keeps no stored findings. */
static int judge(yg_db *db, int64_t id)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT form FROM submission WHERE id = ?");
	const struct yg_form *form = NULL;
	struct yg_sub *sub = NULL;
	struct yg_findings f;
	bool system = db->system;
	int rc;

	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		form = yg_form_find((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (!form || form->is_record)
		return YG_OK;
	db->system = true;
	rc = yg_sub_load_id(db, id, &sub);
	yg_findings_init(&f);
	if (rc == YG_OK)
		rc = yg_sub_check(db, sub, &f);
	db->system = system;
	if (rc == YG_OK)
		rc = yg_findings_store(db, id, &f);
	yg_findings_free(&f);
	yg_sub_free(sub);
	return rc;
}

int yg_findings_flush(yg_db *db)
{
	sqlite3_stmt *st = NULL;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc = YG_OK;

	/* A database still being created or upgraded has no such table until
	 * its migration: nothing to judge then. */
	if (sqlite3_prepare_v2(db->sql, "SELECT submission_id FROM finding_dirty", -1, &st,
			NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return YG_OK;
	}
	while (rc == YG_OK && sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			int64_t *v = realloc(ids, (cap = cap ? cap * 2 : 64) * sizeof *v);
			if (!v) {
				rc = yg_fail(YG_ENOMEM, "out of memory");
				break;
			}
			ids = v;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	/* The forms are registered by the program; a bare core (unit tests of
	 * storage alone) leaves the returns unjudged, for the screens. */
	for (size_t i = 0; rc == YG_OK && yg_form_count() && i < n; i++)
		rc = judge(db, ids[i]);
	free(ids);
	if (rc == YG_OK && n)
		rc = yg_exec(db, "DELETE FROM finding_dirty");
	return rc;
}

int yg_findings_refresh(yg_db *db, yg_period p)
{
	sqlite3_stmt *st;
	bool any = false;
	int rc;

	if ((rc = yg_need_login(db)) != YG_OK)
		return rc;
	/* Periods as a range, so that one month is read by its index. */
	st = yg_prepare(db, "SELECT 1 FROM submission s WHERE s.period BETWEEN ?1 AND ?2"
		" AND NOT EXISTS (SELECT 1 FROM finding_count c WHERE c.submission_id = s.id) LIMIT 1");
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int(st, 1, p ? p : 0);
	sqlite3_bind_int(st, 2, p ? p : INT32_MAX);
	any = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!any || !yg_form_count())
		return YG_OK;
	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	st = yg_prepare(db, "INSERT OR IGNORE INTO finding_dirty(submission_id)"
		" SELECT s.id FROM submission s WHERE s.period BETWEEN ?1 AND ?2"
		" AND NOT EXISTS (SELECT 1 FROM finding_count c WHERE c.submission_id = s.id)");
	if (!st)
		return yg_write_end(db, YG_ERROR);
	sqlite3_bind_int(st, 1, p ? p : 0);
	sqlite3_bind_int(st, 2, p ? p : INT32_MAX);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "finding");
	sqlite3_finalize(st);
	return yg_write_end(db, rc);
}

int yg_findings_stored(yg_db *db, int64_t sub_id, struct yg_findings *out, bool *judged)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT errors, warnings, missed, met FROM finding_count"
		" WHERE submission_id = ?1");
	int64_t count[4] = { 0 };
	size_t missed = 0, met = 0;
	int rc;

	*judged = false;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, sub_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*judged = true;
		for (int i = 0; i < 4; i++)
			count[i] = sqlite3_column_int64(st, i);
	}
	sqlite3_finalize(st);
	if (!*judged)
		return YG_OK;
	st = yg_prepare(db, "SELECT rule, severity, met, field, num, den, org_code, zh, en"
		" FROM finding WHERE submission_id = ?1 ORDER BY seq");
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, sub_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct yg_finding *x = yg_findings_add(out, (const char *)sqlite3_column_text(st, 0),
			severity_parse((const char *)sqlite3_column_text(st, 1)),
			(const char *)sqlite3_column_text(st, 3), "%s", "");
		if (!x) {
			sqlite3_finalize(st);
			return yg_fail(YG_ENOMEM, "out of memory");
		}
		free(x->zh);
		free(x->en);
		x->zh = yg_col_text(st, 7);
		x->en = yg_col_text(st, 8);
		x->met = sqlite3_column_int(st, 2);
		x->num = sqlite3_column_int64(st, 4);
		x->den = sqlite3_column_int64(st, 5);
		x->org_code = yg_col_text(st, 6);
		if (x->severity == YG_SEV_TARGET) {
			missed += x->met == YG_MISSED;
			met += x->met == YG_MET;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return yg_sql_fail(db, "finding");
	/* The counts the grid adds up must be those of the rows. */
	if (count[0] != (int64_t)yg_findings_count(out, YG_SEV_ERROR) ||
	    count[1] != (int64_t)yg_findings_count(out, YG_SEV_WARNING) ||
	    count[2] != (int64_t)missed || count[3] != (int64_t)met)
		yg_findings_add(out, "#count", YG_SEV_ERROR, NULL,
			"stored counts %lld/%lld/%lld/%lld disagree with the stored findings",
			(long long)count[0], (long long)count[1], (long long)count[2],
			(long long)count[3]);
	return YG_OK;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

const struct yg_finding *yg_findings_differ(const struct yg_findings *a,
	const struct yg_findings *b)
{
	for (size_t i = 0; i < a->n || i < b->n; i++) {
		const struct yg_finding *x = i < a->n ? &a->v[i] : NULL;
		const struct yg_finding *y = i < b->n ? &b->v[i] : NULL;

		if (!x || !y)
			return x ? x : y;
		if (!same_text(x->rule, y->rule) || x->severity != y->severity || x->met != y->met ||
		    !same_text(x->field, y->field) || x->num != y->num || x->den != y->den ||
		    !same_text(x->org_code, y->org_code) || !same_text(x->zh, y->zh) ||
		    !same_text(x->en, y->en))
			return x;
	}
	return NULL;
}

int yg_findings_each(yg_db *db, yg_period p, bool targets_only,
	int (*fn)(void *arg, const struct yg_period_finding *x), void *arg)
{
	sqlite3_stmt *st;
	int step = SQLITE_DONE, rc = yg_findings_refresh(db, p);

	if (rc != YG_OK)
		return rc;
	st = yg_prepare(db, YG_SCOPE_CTE("3") "SELECT s.id, s.org_id, s.form, s.state, f.rule, f.severity, f.met, f.field,"
		" f.num, f.den, f.org_code, f.zh, f.en"
		" FROM submission s JOIN finding f ON f.submission_id = s.id"
		" WHERE s.period = ?1 AND s.org_id IN scope AND (?2 = 0 OR f.severity = 'target')"
		" ORDER BY s.id, f.seq");
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int(st, 1, p);
	sqlite3_bind_int(st, 2, targets_only);
	sqlite3_bind_int64(st, 3, YG_SCOPE_ID(db));
	while (rc == YG_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct yg_period_finding x = {
			.sub_id = sqlite3_column_int64(st, 0),
			.org_id = sqlite3_column_int64(st, 1),
			.form = yg_form_find((const char *)sqlite3_column_text(st, 2)),
			.state = yg_state_parse((const char *)sqlite3_column_text(st, 3)),
			.f = {
				.rule = (char *)sqlite3_column_text(st, 4),
				.severity = severity_parse((const char *)sqlite3_column_text(st, 5)),
				.met = sqlite3_column_int(st, 6),
				.field = (char *)sqlite3_column_text(st, 7),
				.num = sqlite3_column_int64(st, 8),
				.den = sqlite3_column_int64(st, 9),
				.org_code = (char *)sqlite3_column_text(st, 10),
				.zh = (char *)sqlite3_column_text(st, 11),
				.en = (char *)sqlite3_column_text(st, 12),
			},
		};
		rc = x.form ? fn(arg, &x) : YG_OK;
	}
	if (rc == YG_OK && step != SQLITE_DONE)
		rc = yg_sql_fail(db, "finding");
	sqlite3_finalize(st);
	return rc;
}
