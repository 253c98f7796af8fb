/*
 * record.c — roster records (postings, referrals) and the monthly activity
 * of postings.  A record belongs to the unit whose roster holds it; its
 * clerk, and reviewers and admins above it, may change it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct yg_record *yg_record_new(const struct yg_form *form, int64_t org_id)
{
	struct yg_record *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->form = form;
	r->org_id = org_id;
	r->values = yg_values_new(form->nfields);
	if (!r->values) {
		free(r);
		return NULL;
	}
	return r;
}

void yg_record_free(struct yg_record *r)
{
	if (!r)
		return;
	yg_values_free(r->values, r->form->nfields);
	free(r);
}

void yg_record_list_free(struct yg_record **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		yg_record_free(v[i]);
	free(v);
}

int yg_record_set(struct yg_record *r, const char *key, const char *text)
{
	int i = yg_field_index(r->form, key);
	if (i < 0)
		return yg_fail(YG_EINVAL, "the record has no field %s", key);
	return yg_field_parse(&r->form->fields[i], text, &r->values[i]);
}

const struct yg_value *yg_record_value(const struct yg_record *r, const char *key)
{
	int i = yg_field_index(r->form, key);
	return i < 0 ? NULL : &r->values[i];
}

/* Reads rows of (id, org_id, version, key, num, txt), ordered by id, into
 * records. */
static int read_records(yg_db *db, sqlite3_stmt *st, const struct yg_form *form,
	struct yg_record ***out, size_t *n)
{
	struct yg_record **v = NULL;
	size_t count = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (count == 0 || v[count - 1]->id != id) {
			if (count == cap) {
				cap = cap ? cap * 2 : 16;
				struct yg_record **nv = realloc(v, cap * sizeof *v);
				if (!nv) {
					rc = SQLITE_NOMEM;
					break;
				}
				v = nv;
			}
			v[count] = yg_record_new(form, sqlite3_column_int64(st, 1));
			if (!v[count]) {
				rc = SQLITE_NOMEM;
				break;
			}
			v[count]->id = id;
			v[count]->version = sqlite3_column_int64(st, 2);
			count++;
		}
		int i = yg_field_index(form, (const char *)sqlite3_column_text(st, 3));
		if (i >= 0)
			yg_value_read(st, 4, 5, &form->fields[i], &v[count - 1]->values[i]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		yg_record_list_free(v, count);
		return rc == SQLITE_NOMEM ? yg_fail(YG_ENOMEM, "out of memory")
			: yg_sql_fail(db, "records");
	}
	*out = v;
	*n = count;
	return YG_OK;
}

int yg_record_match(yg_db *db, const struct yg_form *form, const char *key, const char *text,
	struct yg_record ***out, size_t *n)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = yg_need_login(db)) != YG_OK)
		return rc;
	st = yg_prepare(db, "SELECT r.id, r.org_id, r.version, v.key, v.num, v.txt"
		" FROM record r JOIN record_value v ON v.record_id = r.id"
		" WHERE r.form = ?1 AND r.id IN (SELECT record_id FROM record_value"
		"  WHERE key = ?2 AND txt = ?3 COLLATE NOCASE) ORDER BY r.id");
	if (!st)
		return YG_ERROR;
	sqlite3_bind_text(st, 1, form->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	return read_records(db, st, form, out, n);
}

int yg_record_list(yg_db *db, const struct yg_form *form, int64_t org_id,
	struct yg_record ***out, size_t *n)
{
	assert(db && form && out && n);
	static const char sql[] =
		"WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL"
		" SELECT o.id FROM org_unit o JOIN t ON o.parent_id = t.id)"
		" SELECT r.id, r.org_id, r.version, v.key, v.num, v.txt"
		" FROM record r JOIN t ON t.id = r.org_id"
		" LEFT JOIN record_value v ON v.record_id = r.id"
		" WHERE r.form = ?2 ORDER BY r.id";
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = yg_need_login(db)) != YG_OK)
		return rc;
	if (org_id == 0)
		org_id = db->system ? 0 : db->actor.org_id;
	if (org_id == 0) {
		/* The system actor (init) sees the whole tree. */
		sqlite3_stmt *root = yg_prepare(db, "SELECT id FROM org_unit WHERE parent_id IS NULL");
		if (root && sqlite3_step(root) == SQLITE_ROW)
			org_id = sqlite3_column_int64(root, 0);
		sqlite3_finalize(root);
	}
	if ((rc = yg_need_scope(db, org_id)) != YG_OK)
		return rc;
	st = yg_prepare(db, sql);
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_text(st, 2, form->key, -1, SQLITE_STATIC);
	return read_records(db, st, form, out, n);
}

static int64_t record_org(yg_db *db, int64_t record_id);

/* Loads record id whatever its form, or NULL in *out when there is none.
 * The caller has checked the actor's rights over it. */
static int record_load(yg_db *db, int64_t id, struct yg_record **out)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT form FROM record WHERE id = ?");
	const struct yg_form *form = NULL;
	struct yg_record **v = NULL;
	size_t n = 0;
	int rc;

	*out = NULL;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		form = yg_form_find((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (!form)
		return YG_OK;
	st = yg_prepare(db, "SELECT r.id, r.org_id, r.version, v.key, v.num, v.txt"
		" FROM record r LEFT JOIN record_value v ON v.record_id = r.id WHERE r.id = ?");
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = read_records(db, st, form, &v, &n)) != YG_OK)
		return rc;
	if (n == 1) {
		*out = v[0];
		v[0] = NULL;
	}
	yg_record_list_free(v, n);
	return YG_OK;
}

/*
 * May a record of form with these values carry activity figure f = value
 * in month p?  Only in a month it is active, and a count of days no more
 * than the days it is active in that month (31 days on site in November,
 * or days after the posting ended, are wrong figures, not a typo to keep).
 */
static int activity_fits(const struct yg_form *form, const struct yg_value *values,
	int64_t record_id, yg_period p, const struct yg_field *f, int64_t value)
{
	yg_date first, last, lo = yg_period_first_day(p), hi = yg_period_last_day(p);
	char per[8], a[11], b[11];
	int64_t days;

	if (value < 0 || !form || !form->active_span || !form->active_span(values, &first, &last))
		return YG_OK;
	yg_period_format(p, per);
	yg_date_format(first, a);
	if (last == INT32_MAX)
		snprintf(b, sizeof b, "%s", "...");
	else
		yg_date_format(last, b);
	if (first > lo)
		lo = first;
	if (last < hi)
		hi = last;
	days = hi >= lo ? (int64_t)hi - lo + 1 : 0;
	/* The month and the posting's dates first: a message line at 80
	 * columns may not show the end. */
	if (days == 0)
		return yg_fail(YG_EINVAL,
			"%1$.0sactive %5$s to %6$s: no activity in %4$s (%2$s #%3$lld)",
			form->zh, form->en, (long long)record_id, per, a, b);
	if (f && f->month_days && value > days)
		return yg_fail(YG_EINVAL, "%1$.0s%2$s: at most %3$lld: active %5$s to"
			" %6$s, %3$lld days of %4$s (%7$.0s%8$s #%9$lld)", f->zh, f->en,
			(long long)days, per, a, b, form->zh, form->en, (long long)record_id);
	return YG_OK;
}

/* New dates of a record must not leave the activity it already has
 * outside them: the figures would then count days that are not there. */
static int activity_still_fits(yg_db *db, const struct yg_record *r)
{
	const struct yg_form *spec = r->form->activity;
	sqlite3_stmt *st;
	int rc = YG_OK, step;

	if (!r->form->active_span)
		return YG_OK;
	st = yg_prepare(db, "SELECT period, key, num FROM activity WHERE record_id = ?"
		" ORDER BY period, key");
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, r->id);
	while (rc == YG_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int fi = spec ? yg_field_index(spec, (const char *)sqlite3_column_text(st, 1)) : -1;

		rc = activity_fits(r->form, r->values, r->id, (yg_period)sqlite3_column_int(st, 0),
			fi >= 0 ? &spec->fields[fi] : NULL, sqlite3_column_int64(st, 2));
	}
	sqlite3_finalize(st);
	if (rc != YG_OK) {
		char *why = yg_strdup(yg_errmsg_lang(YG_ZH)), *why_en = yg_strdup(yg_errmsg_lang(YG_EN));

		rc = yg_fail(YG_EINVAL, "%.0s%s; correct or clear that month's activity first",
			why ? why : "", why_en ? why_en : "");
		free(why);
		free(why_en);
	}
	return rc;
}

static int need_record_edit(yg_db *db, int64_t from, int64_t to)
{
	/* Rosters are kept by the institution and by those who review it; a
	 * record that moves takes rights over the roster it leaves too. */
	return yg_need_access(db, YG_ROLE_CLERK, NULL, NULL, from, to);
}

yg_period yg_record_period(const struct yg_record *r)
{
	for (size_t k = 0; k < r->form->nfields; k++) {
		int y, m, d;

		if (r->form->fields[k].type != YG_T_DATE)
			continue;
		if (!r->values[k].set)
			return 0;
		yg_date_to_ymd((yg_date)r->values[k].num, &y, &m, &d);
		return (yg_period)(y * 100 + m);
	}
	return 0;
}

int yg_record_rules(yg_db *db, const struct yg_record *r, const struct yg_org *org,
	yg_period p, struct yg_findings *out)
{
	const struct yg_form *form = r->form;
	struct yg_check_ctx ctx = {
		.db = db, .form = form, .org = org, .period = p,
		.values = r->values, .record_id = r->id,
	};

	assert(db && r && org && out);
	for (size_t k = 0; k < form->nrules; k++)
		if (form->rules[k].check)
			form->rules[k].check(&ctx, &form->rules[k], out);
	return yg_findings_in_force(db, out, org->tier, p);
}

static int record_check(yg_db *db, struct yg_record *r, struct yg_findings *out)
{
	struct yg_org org = { 0 };
	struct yg_findings f;
	int rc = yg_org_get_id(db, r->org_id, &org);
	if (rc != YG_OK)
		return rc;
	struct yg_check_ctx ctx = {
		.db = db, .form = r->form, .org = &org, .period = yg_period_current(),
		.values = r->values, .record_id = r->id,
	};
	yg_findings_init(&f);
	yg_check_fields(r->form, r->values, true, &f);
	for (size_t i = 0; i < r->form->nrules; i++)
		r->form->rules[i].check(&ctx, &r->form->rules[i], &f);
	for (size_t i = 0; i < f.n; i++)
		if (f.v[i].severity == YG_SEV_ERROR) {
			rc = yg_fail_raw(YG_EINVAL, f.v[i].zh, f.v[i].en);
			break;
		}
	if (out)
		yg_findings_move(out, &f);
	yg_findings_free(&f);
	yg_org_clear(&org);
	return rc;
}

static char *record_summary(const struct yg_record *r)
{
	/* One line for the audit trail: key=value pairs, language-independent. */
	size_t cap = 64, len = 0;
	char *s = malloc(cap);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (size_t i = 0; i < r->form->nfields; i++) {
		const struct yg_value *v = &r->values[i];
		char num[32];
		const char *text = v->text;
		if (!v->set)
			continue;
		if (!text) {
			if (r->form->fields[i].type == YG_T_DATE)
				yg_date_format((yg_date)v->num, num);
			else
				snprintf(num, sizeof num, "%lld", (long long)v->num);
			text = num;
		}
		size_t need = len + strlen(r->form->fields[i].key) + strlen(text) + 3;
		if (need > cap) {
			cap = need * 2;
			char *ns = realloc(s, cap);
			if (!ns) {
				free(s);
				return NULL;
			}
			s = ns;
		}
		len += (size_t)snprintf(s + len, cap - len, "%s%s=%s", len ? ";" : "",
			r->form->fields[i].key, text);
	}
	return s;
}

int yg_record_save(yg_db *db, struct yg_record *r, struct yg_findings *out)
{
	assert(db && r);
	sqlite3_stmt *st;
	char *now = NULL, *summary = NULL, idbuf[24];
	bool is_new = r->id == 0;
	int64_t id = r->id, stored_org = 0;
	struct yg_frozen *fz = NULL;
	int rc;

	if (r->form->owner) {
		/* Whoever types it, a record lives in its owner's roster. */
		const char *code = r->form->owner(r->values);
		struct yg_org owner = { 0 };
		if (code && yg_org_get(db, code, &owner) == YG_OK)
			r->org_id = owner.id;
		yg_org_clear(&owner);
	}
	int64_t stored = is_new ? 0 : record_org(db, r->id);
	if (!is_new && !stored)
		return yg_fail(YG_ENOTFOUND, "record #%lld does not exist",
			(long long)r->id);
	if ((rc = need_record_edit(db, stored, r->org_id)) != YG_OK)
		return rc;
	stored_org = stored;
	if ((rc = record_check(db, r, out)) != YG_OK)
		return rc;
	if (!is_new && (rc = activity_still_fits(db, r)) != YG_OK)
		return rc;
	if (!(now = yg_now_iso()))
		return yg_fail(YG_ENOMEM, "out of memory");
	if ((rc = yg_write_begin(db)) != YG_OK) {
		free(now);
		return rc;
	}
	if ((rc = yg_frozen_begin(db, r->org_id, stored_org, 0, &fz)) != YG_OK) {
		free(now);
		return yg_write_end(db, rc);
	}
	if (is_new) {
		st = yg_prepare_cached(db, YG_Q_RECORD_NEW, "INSERT INTO record(form, org_id,"
			" version, created_at,"
			" updated_at, updated_by) VALUES(?1, ?2, 1, ?3, ?3, ?4)");
		if (st) {
			sqlite3_bind_text(st, 1, r->form->key, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, r->org_id);
		}
	} else {
		/* The version in the WHERE clause is the lost-update guard. */
		st = yg_prepare_cached(db, YG_Q_RECORD_MOVE, "UPDATE record SET version = version + 1,"
			" updated_at = ?3,"
			" updated_by = ?4, org_id = ?5 WHERE id = ?1 AND version = ?2");
		if (st) {
			sqlite3_bind_int64(st, 1, r->id);
			sqlite3_bind_int64(st, 2, r->version);
			sqlite3_bind_int64(st, 5, r->org_id);
		}
	}
	if (!st) {
		free(now);
		yg_frozen_free(fz);
		return yg_write_end(db, YG_ERROR);
	}
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, db->actor.login, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "record");
	sqlite3_reset(st);
	if (rc == YG_OK && !is_new && sqlite3_changes(db->sql) == 0)
		rc = yg_fail(YG_ECONFLICT,
			"conflict: someone else changed or deleted this record; your input is still on screen");
	if (rc == YG_OK && is_new)
		id = sqlite3_last_insert_rowid(db->sql);
	if (rc == YG_OK) {
		st = yg_prepare_cached(db, YG_Q_RECORD_CLEAR,
			"DELETE FROM record_value WHERE record_id = ?");
		if (st) {
			sqlite3_bind_int64(st, 1, id);
			rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "record");
			sqlite3_reset(st);
		} else {
			rc = YG_ERROR;
		}
	}
	st = rc == YG_OK ? yg_prepare_cached(db, YG_Q_RECORD_VALUE,
		"INSERT INTO record_value(record_id, key, num, txt)"
		" VALUES(?, ?, ?, ?)") : NULL;
	for (size_t i = 0; st && rc == YG_OK && i < r->form->nfields; i++) {
		if (!r->values[i].set)
			continue;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, r->form->fields[i].key, -1, SQLITE_STATIC);
		yg_value_bind(st, 3, 4, &r->form->fields[i], &r->values[i]);
		rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "record");
		sqlite3_reset(st);
	}
	sqlite3_reset(st);
	if (rc == YG_OK) {
		summary = record_summary(r);
		snprintf(idbuf, sizeof idbuf, "%s#%lld", r->form->key, (long long)id);
		rc = yg_audit_add(db, 0, "record", idbuf, is_new ? NULL : "(changed)", summary, NULL);
	}
	rc = yg_frozen_end(db, fz, rc);
	rc = yg_write_end(db, rc);
	if (rc == YG_OK) {
		r->id = id;
		r->version = is_new ? 1 : r->version + 1;
	}
	free(summary);
	free(now);
	return rc;
}

int yg_record_delete(yg_db *db, int64_t id, int64_t version)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT org_id, form FROM record WHERE id = ?");
	struct yg_frozen *fz = NULL;
	int64_t org_id = 0;
	char idbuf[64];
	int rc;

	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		org_id = sqlite3_column_int64(st, 0);
		snprintf(idbuf, sizeof idbuf, "%.32s#%lld", sqlite3_column_text(st, 1), (long long)id);
	}
	sqlite3_finalize(st);
	if (!org_id)
		return yg_fail(YG_ENOTFOUND, "record #%lld does not exist",
			(long long)id);
	if ((rc = need_record_edit(db, org_id, 0)) != YG_OK)
		return rc;
	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	if ((rc = yg_frozen_begin(db, org_id, 0, 0, &fz)) != YG_OK)
		return yg_write_end(db, rc);
	st = yg_prepare(db, "DELETE FROM record WHERE id = ? AND version = ?");
	if (!st) {
		yg_frozen_free(fz);
		return yg_write_end(db, YG_ERROR);
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, version);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "delete");
	sqlite3_finalize(st);
	if (rc == YG_OK && sqlite3_changes(db->sql) == 0)
		rc = yg_fail(YG_ECONFLICT,
			"someone else changed this record; reopen it before deleting");
	if (rc == YG_OK)
		rc = yg_audit_add(db, 0, "record", idbuf, "(deleted)", NULL, NULL);
	rc = yg_frozen_end(db, fz, rc);
	return yg_write_end(db, rc);
}

static int64_t record_org(yg_db *db, int64_t record_id)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT org_id FROM record WHERE id = ?");
	int64_t org = 0;
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, record_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		org = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return org;
}

int yg_activity_get(yg_db *db, int64_t record_id, yg_period p, const char *key, int64_t *out)
{
	int64_t org = record_org(db, record_id);
	sqlite3_stmt *st;
	int rc;

	*out = -1;
	if (!org)
		return yg_fail(YG_ENOTFOUND, "record #%lld does not exist",
			(long long)record_id);
	if ((rc = yg_need_scope(db, org)) != YG_OK)
		return rc;
	st = yg_prepare(db, "SELECT num FROM activity WHERE record_id = ? AND period = ? AND key = ?");
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, record_id);
	sqlite3_bind_int(st, 2, p);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return YG_OK;
}

int yg_activity_set(yg_db *db, int64_t record_id, yg_period p, const char *key, int64_t value)
{
	int64_t org = record_org(db, record_id), old = -1;
	sqlite3_stmt *st;
	char what[96], o[24], n[24];
	int rc;

	if (!org)
		return yg_fail(YG_ENOTFOUND, "record #%lld does not exist",
			(long long)record_id);
	if ((rc = need_record_edit(db, org, 0)) != YG_OK)
		return rc;
	/* The items are those of the record's form's activity spec. */
	struct yg_record *rec = NULL;
	if ((rc = record_load(db, record_id, &rec)) != YG_OK)
		return rc;
	const struct yg_form *spec = rec ? rec->form->activity : NULL;
	const char *form_key = rec ? rec->form->key : "record"; /* the audit's "posting#12" */
	int fi = yg_field_index(spec, key);
	if (rec && !spec)
		rc = yg_fail(YG_EINVAL, "%.0s%s records have no monthly activity",
			rec->form->zh, rec->form->en);
	else if (spec && fi < 0)
		rc = yg_fail(YG_EINVAL, "no monthly activity item %s", key);
	else if (value < -1)
		rc = yg_fail(YG_EINVAL, "must not be negative");
	else if (spec && value > spec->fields[fi].max && spec->fields[fi].max > 0)
		rc = yg_fail(YG_EINVAL, "%.0s%s: at most %lld",
			spec->fields[fi].zh, spec->fields[fi].en, (long long)spec->fields[fi].max);
	else if (rec)
		rc = activity_fits(rec->form, rec->values, record_id, p, &spec->fields[fi], value);
	yg_record_free(rec);
	if (rc != YG_OK)
		return rc;
	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	struct yg_frozen *fz = NULL;
	if ((rc = yg_frozen_begin(db, org, 0, p, &fz)) != YG_OK)
		return yg_write_end(db, rc);
	yg_activity_get(db, record_id, p, key, &old);
	if (value < 0) {
		st = yg_prepare_cached(db, YG_Q_ACTIVITY_DEL,
			"DELETE FROM activity WHERE record_id = ? AND period = ? AND key = ?");
	} else {
		st = yg_prepare_cached(db, YG_Q_ACTIVITY_PUT,
			"INSERT INTO activity(record_id, period, key, num) VALUES(?, ?, ?, ?)"
			" ON CONFLICT DO UPDATE SET num = excluded.num");
	}
	if (!st) {
		yg_frozen_free(fz);
		return yg_write_end(db, YG_ERROR);
	}
	sqlite3_bind_int64(st, 1, record_id);
	sqlite3_bind_int(st, 2, p);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	if (value >= 0)
		sqlite3_bind_int64(st, 4, value);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "activity");
	sqlite3_reset(st);
	if (rc == YG_OK && old != value) {
		snprintf(what, sizeof what, "%.20s#%lld/%d/%.40s", form_key, (long long)record_id, p,
			key);
		snprintf(o, sizeof o, "%lld", (long long)old);
		snprintf(n, sizeof n, "%lld", (long long)value);
		rc = yg_audit_add(db, 0, "activity", what, old < 0 ? NULL : o, value < 0 ? NULL : n,
			NULL);
	}
	rc = yg_frozen_end(db, fz, rc);
	return yg_write_end(db, rc);
}

int yg_activity_load(yg_db *db, int64_t record_id, yg_period p, const struct yg_form *spec,
	struct yg_value *values)
{
	for (size_t i = 0; i < spec->nfields; i++) {
		int64_t v;
		int rc = yg_activity_get(db, record_id, p, spec->fields[i].key, &v);

		if (rc != YG_OK)
			return rc;
		yg_value_clear(&values[i]);
		values[i].set = v >= 0;
		values[i].num = v;
	}
	return YG_OK;
}

int yg_activity_save(yg_db *db, int64_t record_id, yg_period p, const struct yg_form *spec,
	const struct yg_value *values)
{
	int rc = yg_write_begin(db);

	if (rc != YG_OK)
		return rc;
	for (size_t i = 0; i < spec->nfields && rc == YG_OK; i++)
		rc = yg_activity_set(db, record_id, p, spec->fields[i].key,
			values[i].set ? values[i].num : -1);
	return yg_write_end(db, rc);
}
