/*
 * outlier.c — a value against the institution's own history and the range
 * an admin set for it (DHIS2's outlier detection and min-max values).
 *
 * Three warnings, each needing the clerk's explanation like any other:
 *  O1  a figure far from the institution's last 12 approved months: outside
 *      median ± k × MAD (the median absolute deviation), with a floor so
 *      that small counts and steady series do not trip it;
 *  O2  a snapshot figure (编制数, 在岗职工: yg_field.snapshot) that moves by
 *      more than a set share from last month;
 *  O3  a figure outside the min-max an admin set for this institution.
 * The thresholds are data (settings, schema 004), not code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define SET_MAD_K "outlier_mad_k"            /* k of median ± k × MAD (3) */
#define SET_MIN_MONTHS "outlier_min_months"  /* approved months needed (6) */
#define SET_FLOOR_PCT "outlier_floor_pct"    /* allowed at least this % of the median (20) */
#define SET_FLOOR_ABS "outlier_floor_abs"    /* and at least this many units (5) */
#define SET_JUMP_PCT "snapshot_jump_pct"     /* snapshot change from last month (50) */

static bool is_figure(const struct yg_field *f)
{
	return !f->derived && (f->type == YG_T_COUNT || f->type == YG_T_AMOUNT ||
		f->type == YG_T_DECIMAL);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Median of v[0..n), n > 0; sorts v.  Halves round toward zero. */
static int64_t median(int64_t *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_i64);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *fmt(const struct yg_field *f, int64_t num)
{
	struct yg_value v = { .set = true, .num = num };

	return yg_field_format(f, &v);
}

/* The figures of form's approved returns of org in the 12 months before p:
 * hist[field][0..nhist[field]) (caller frees hist[i]). */
static int history(yg_db *db, const struct yg_sub *sub, int64_t **hist, size_t *nhist)
{
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_HISTORY, "SELECT v.key, v.num FROM submission s"
		" JOIN value v ON v.submission_id = s.id"
		" WHERE s.org_id = ?1 AND s.form = ?2 AND s.state = 'approved'"
		" AND s.period < ?3 AND s.period >= ?4 AND v.num IS NOT NULL");
	int rc;

	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, sub->org.id);
	sqlite3_bind_text(st, 2, sub->form->key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, sub->period);
	sqlite3_bind_int(st, 4, yg_period_add(sub->period, -12));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i = yg_field_index(sub->form, (const char *)sqlite3_column_text(st, 0));

		if (i < 0 || !is_figure(&sub->form->fields[i]) || nhist[i] >= 12)
			continue;
		if (!hist[i] && !(hist[i] = calloc(12, sizeof **hist)))
			break;
		hist[i][nhist[i]++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? YG_OK : yg_fail(YG_ENOMEM, "out of memory");
}

static void check_o1(yg_db *db, const struct yg_sub *sub, size_t i, int64_t *h, size_t n,
	struct yg_findings *out)
{
	const struct yg_field *f = &sub->form->fields[i];
	int64_t v = sub->values[i].num, m, mad, allowed, floor_abs, *dev;
	int k = yg_setting_get_int(db, SET_MAD_K, 3);

	if (n < (size_t)yg_setting_get_int(db, SET_MIN_MONTHS, 6) || !(dev = malloc(n * sizeof *dev)))
		return;
	m = median(h, n);
	for (size_t j = 0; j < n; j++)
		dev[j] = h[j] > m ? h[j] - m : m - h[j];
	mad = median(dev, n);
	free(dev);
	/* A steady series has MAD 0: any change would trip it without a floor. */
	floor_abs = (int64_t)yg_setting_get_int(db, SET_FLOOR_ABS, 5) *
		(f->type == YG_T_COUNT ? 1 : 100);
	allowed = (int64_t)k * mad;
	if (allowed < floor_abs)
		allowed = floor_abs;
	if (allowed < (m < 0 ? -m : m) * yg_setting_get_int(db, SET_FLOOR_PCT, 20) / 100)
		allowed = (m < 0 ? -m : m) * yg_setting_get_int(db, SET_FLOOR_PCT, 20) / 100;
	if (v >= m - allowed && v <= m + allowed)
		return;
	char *sv = fmt(f, v), *sm = fmt(f, m), *lo = fmt(f, m - allowed > 0 ? m - allowed : 0),
		*hi = fmt(f, m + allowed);
	yg_findings_add(out, "O1", YG_SEV_WARNING, f->key,
		"%1$.0s%2$s %3$s is far from this institution's last %4$zu approved months (median %5$s,"
		" usually %6$s-%7$s): check it or explain", f->zh, f->en, sv ? sv : "", n,
		sm ? sm : "", lo ? lo : "", hi ? hi : "");
	free(sv);
	free(sm);
	free(lo);
	free(hi);
}

/* Last month's figure of a snapshot field, submitted or approved; -1 none. */
static int64_t last_month(yg_db *db, const struct yg_sub *sub, const char *key)
{
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_LAST_MONTH, "SELECT v.num FROM submission s"
		" JOIN value v ON v.submission_id = s.id AND v.key = ?4"
		" WHERE s.org_id = ?1 AND s.form = ?2 AND s.period = ?3"
		" AND s.state IN ('submitted', 'approved') AND v.num IS NOT NULL");
	int64_t v = -1;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sub->org.id);
	sqlite3_bind_text(st, 2, sub->form->key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, yg_period_add(sub->period, -1));
	sqlite3_bind_text(st, 4, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

static void check_o2(yg_db *db, const struct yg_sub *sub, size_t i, struct yg_findings *out)
{
	const struct yg_field *f = &sub->form->fields[i];
	int64_t v = sub->values[i].num, was = last_month(db, sub, f->key);
	int pct = yg_setting_get_int(db, SET_JUMP_PCT, 50);

	if (was <= 0 || (v > was ? v - was : was - v) * 100 <= (int64_t)pct * was)
		return;
	char *a = fmt(f, was), *b = fmt(f, v);
	yg_findings_add(out, "O2", YG_SEV_WARNING, f->key,
		"%1$.0s%2$s moved from %3$s last month to %4$s, by more than %5$d%%: check it or"
		" explain", f->zh, f->en, a ? a : "", b ? b : "", pct);
	free(a);
	free(b);
}

static void check_o3(yg_db *db, const struct yg_sub *sub, struct yg_findings *out)
{
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_RANGES, "SELECT key, min, max FROM field_range"
		" WHERE org_id = ?1 AND form = ?2");

	if (!st)
		return;
	sqlite3_bind_int64(st, 1, sub->org.id);
	sqlite3_bind_text(st, 2, sub->form->key, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int i = yg_field_index(sub->form, (const char *)sqlite3_column_text(st, 0));
		const struct yg_field *f;
		int64_t v, lo, hi;

		if (i < 0 || !sub->values[i].set || !is_figure(&sub->form->fields[i]))
			continue;
		f = &sub->form->fields[i];
		v = sub->values[i].num;
		lo = sqlite3_column_type(st, 1) == SQLITE_NULL ? INT64_MIN : sqlite3_column_int64(st, 1);
		hi = sqlite3_column_type(st, 2) == SQLITE_NULL ? INT64_MAX : sqlite3_column_int64(st, 2);
		if (v >= lo && v <= hi)
			continue;
		char *sv = fmt(f, v), *a = lo == INT64_MIN ? NULL : fmt(f, lo),
			*b = hi == INT64_MAX ? NULL : fmt(f, hi);
		yg_findings_add(out, "O3", YG_SEV_WARNING, f->key,
			"%1$.0s%2$s %3$s is outside the range set for this institution, %4$s-%5$s:"
			" check it or explain", f->zh, f->en, sv ? sv : "", a ? a : "", b ? b : "");
		free(sv);
		free(a);
		free(b);
	}
	sqlite3_reset(st);
}

void yg_check_history(yg_db *db, const struct yg_sub *sub, struct yg_findings *out)
{
	size_t n = sub->form->nfields, *nhist = calloc(n ? n : 1, sizeof *nhist);
	int64_t **hist = calloc(n ? n : 1, sizeof *hist);

	if (hist && nhist && history(db, sub, hist, nhist) == YG_OK)
		for (size_t i = 0; i < n; i++) {
			if (!sub->values[i].set || !is_figure(&sub->form->fields[i]))
				continue;
			check_o1(db, sub, i, hist[i], nhist[i], out);
			if (sub->form->fields[i].snapshot)
				check_o2(db, sub, i, out);
		}
	check_o3(db, sub, out);
	for (size_t i = 0; hist && i < n; i++)
		free(hist[i]);
	free(hist);
	free(nhist);
}

int yg_range_set(yg_db *db, const char *org_code, const char *form_key, const char *key,
	int64_t min, int64_t max)
{
	const struct yg_form *form = yg_form_find(form_key);
	struct yg_org org = { 0 };
	sqlite3_stmt *st;
	char *now, what[160], range[64];
	int rc = yg_need_role(db, YG_ROLE_ADMIN, "设定数值范围", N_("set value ranges"));

	if (rc != YG_OK)
		return rc;
	if (!form || form->is_record || yg_field_index(form, key) < 0 ||
	    !is_figure(&form->fields[yg_field_index(form, key)]))
		return yg_fail(YG_EINVAL, "no figure %s.%s to set a range for",
			form_key ? form_key : "", key ? key : "");
	if (min >= 0 && max >= 0 && min > max)
		return yg_fail(YG_EINVAL, "the minimum is above the maximum");
	if ((rc = yg_org_get(db, org_code, &org)) != YG_OK)
		return rc;
	if ((rc = yg_need_scope(db, org.id)) != YG_OK || !(now = yg_now_iso())) {
		yg_org_clear(&org);
		return rc != YG_OK ? rc : yg_fail(YG_ENOMEM, "out of memory");
	}
	if ((rc = yg_write_begin(db)) == YG_OK) {
		st = yg_prepare(db, min < 0 && max < 0 ?
			"DELETE FROM field_range WHERE org_id = ?1 AND form = ?2 AND key = ?3" :
			"INSERT INTO field_range(org_id, form, key, min, max, updated_by, updated_at)"
			" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO UPDATE SET min = excluded.min,"
			" max = excluded.max, updated_by = excluded.updated_by,"
			" updated_at = excluded.updated_at");
		if (st) {
			sqlite3_bind_int64(st, 1, org.id);
			sqlite3_bind_text(st, 2, form->key, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
			if (min >= 0 || max >= 0) {
				if (min >= 0)
					sqlite3_bind_int64(st, 4, min);
				if (max >= 0)
					sqlite3_bind_int64(st, 5, max);
				sqlite3_bind_text(st, 6, db->actor.login, -1, SQLITE_STATIC);
				sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
			}
			rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "range");
			sqlite3_finalize(st);
		} else {
			rc = YG_ERROR;
		}
		snprintf(what, sizeof what, "%.40s/%.40s.%.60s", org.code, form->key, key);
		snprintf(range, sizeof range, "%lld..%lld", (long long)min, (long long)max);
		if (rc == YG_OK)
			rc = yg_audit_add(db, 0, "range", what, NULL, range, NULL);
		rc = yg_write_end(db, rc);
	}
	free(now);
	yg_org_clear(&org);
	return rc;
}

int yg_range_get(yg_db *db, const char *org_code, const char *form_key, const char *key,
	int64_t *min, int64_t *max)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT r.min, r.max FROM field_range r"
		" JOIN org_unit o ON o.id = r.org_id WHERE o.code = ?1 AND r.form = ?2 AND r.key = ?3");

	*min = *max = -1;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_text(st, 1, org_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, form_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			*min = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			*max = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return YG_OK;
}
