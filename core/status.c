/*
 * status.c — where every return of a period stands: completeness and
 * timeliness, for the reviewer's grid and `yigong status`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void yg_status_list_free(struct yg_status *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].org_code);
		free(v[i].org_name);
		free(v[i].submitted_at);
		free(v[i].comment);
	}
	free(v);
}

/* The civil date of a stored submission time.  A time that does not parse
 * (none of ours; a county's file might hold one) is taken at its face date. */
static yg_date submitted_on(const char *iso)
{
	int64_t t;
	yg_date d;
	char date[11];

	if (yg_time_parse(iso, &t) == YG_OK)
		return yg_date_of_time(t);
	snprintf(date, sizeof date, "%.10s", iso);
	if (yg_date_parse(date, &d) == YG_OK)
		return d;
	return INT32_MAX; /* unreadable: counted late, never silently on time */
}

/* One stored return of the period, as the status list needs it. */
struct row {
	int64_t org_id;
	const char *form;     /* the registered form's key */
	int64_t id, version;
	enum yg_state state;
	char *submitted_at, *comment;
	int errors, warnings;
};

static int row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->org_id != y->org_id)
		return (x->org_id > y->org_id) - (x->org_id < y->org_id);
	return strcmp(x->form, y->form);
}

/* Every return of the period, read in one statement and sorted by unit and
 * form: a province's ten thousand returns are one query, not one each. */
static int period_rows(yg_db *db, yg_period period, struct row **out, size_t *n)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT org_id, form, id, state, version, submitted_at,"
		" comment, errors, warnings FROM submission WHERE period = ?");
	size_t cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int(st, 1, period);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const struct yg_form *form = yg_form_find((const char *)sqlite3_column_text(st, 1));
		struct row *r;

		if (!form)
			continue;
		if (*n == cap) {
			struct row *v = realloc(*out, (cap = cap ? cap * 2 : 256) * sizeof *v);
			if (!v) {
				sqlite3_finalize(st);
				return yg_fail(YG_ENOMEM, "out of memory");
			}
			*out = v;
		}
		r = &(*out)[(*n)++];
		r->org_id = sqlite3_column_int64(st, 0);
		r->form = form->key;
		r->id = sqlite3_column_int64(st, 2);
		r->state = yg_state_parse((const char *)sqlite3_column_text(st, 3));
		r->version = sqlite3_column_int64(st, 4);
		r->submitted_at = yg_col_text(st, 5);
		r->comment = yg_col_text(st, 6);
		r->errors = sqlite3_column_int(st, 7);
		r->warnings = sqlite3_column_int(st, 8);
	}
	if (step != SQLITE_DONE) {
		int rc = yg_sql_fail(db, "status");
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	if (*n)
		qsort(*out, *n, sizeof **out, row_cmp);
	return YG_OK;
}

int yg_status_list(yg_db *db, yg_period period, struct yg_status **out, size_t *n)
{
	assert(db && out && n && YG_PERIOD_VALID(period));
	struct yg_org *orgs = NULL;
	size_t norgs = 0, count = 0, cap = 0;
	struct yg_status *v = NULL;
	struct row *rows = NULL;
	size_t nrows = 0;
	yg_date due, today;
	yg_period v2_from;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = yg_org_list(db, &orgs, &norgs)) != YG_OK)
		return rc;
	due = yg_due_date(db, period);
	v2_from = yg_setting_get_int(db, YG_SET_OBLIGATIONS_FROM, 0);
	today = yg_date_today();
	if ((rc = period_rows(db, period, &rows, &nrows)) != YG_OK) {
		yg_org_list_free(orgs, norgs);
		return rc;
	}
	for (size_t i = 0; rc == YG_OK && i < norgs; i++) {
		/* Only the months a unit was open count: one added today is not
		 * missing before, one closed is not expected after (DESIGN §1). */
		struct yg_org open = orgs[i];

		if (!yg_org_open_in(&open, period))
			continue;
		open.closed = false;
		for (size_t k = 0; rc == YG_OK && k < yg_form_count(); k++) {
			const struct yg_form *form = yg_form_at(k);
			if (!yg_form_files(db, form, &open) ||
			    ((form->kinds_v2 & YG_KIND_BIT(open.kind)) && period < v2_from))
				continue;
			if (count == cap) {
				cap = cap ? cap * 2 : 64;
				struct yg_status *nv = realloc(v, cap * sizeof *v);
				if (!nv) {
					rc = yg_fail(YG_ENOMEM, "out of memory");
					break;
				}
				v = nv;
			}
			struct yg_status *s = &v[count++];
			memset(s, 0, sizeof *s);
			s->org_id = orgs[i].id;
			s->org_code = yg_strdup(orgs[i].code);
			s->org_name = yg_strdup(orgs[i].name);
			s->form = form;
			s->period = period;
			s->state = YG_ST_EMPTY;
			struct row key = { .org_id = orgs[i].id, .form = form->key }, *r =
				nrows ? bsearch(&key, rows, nrows, sizeof *rows, row_cmp) : NULL;
			if (r) {
				s->sub_id = r->id;
				s->state = r->state;
				s->version = r->version;
				/* Handed over: the row keeps none. */
				s->submitted_at = r->submitted_at;
				s->comment = r->comment;
				r->submitted_at = r->comment = NULL;
				s->errors = r->errors;
				s->warnings = r->warnings;
			}
			/* Late: first submitted after the due day, or still not in
			 * once it has passed; both in China's civil time. */
			s->late = (s->submitted_at ? submitted_on(s->submitted_at) : today) > due;
		}
	}
	for (size_t i = 0; i < nrows; i++) {
		free(rows[i].submitted_at);
		free(rows[i].comment);
	}
	free(rows);
	yg_org_list_free(orgs, norgs);
	if (rc != YG_OK) {
		yg_status_list_free(v, count);
		return rc;
	}
	*out = v;
	*n = count;
	return YG_OK;
}

int yg_values_each(yg_db *db, yg_period p, const char *form_key, const char *const *keys,
	unsigned states, int (*fn)(void *arg, int64_t org_id, const char *key, int64_t num),
	void *arg)
{
	sqlite3_stmt *st;
	int64_t last = 0;
	size_t nkeys = 0;
	char *sql, *in = yg_strdup("");
	int step = SQLITE_DONE, rc = yg_need_login(db);

	if (rc != YG_OK) {
		free(in);
		return rc;
	}
	/* Only the keys asked for, each found by the value table's key. */
	for (; keys && keys[nkeys] && in; nkeys++) {
		char *next = yg_asprintf("%s%s?%zu", in, nkeys ? ", " : "", nkeys + 4);
		free(in);
		in = next;
	}
	sql = in ? yg_asprintf(YG_SCOPE_CTE("3") "SELECT s.id, s.org_id, s.state, v.key, v.num"
		" FROM submission s LEFT JOIN value v ON v.submission_id = s.id%s%s%s"
		" WHERE s.period = ?1 AND s.form = ?2 AND s.org_id IN scope ORDER BY s.id",
		nkeys ? " AND v.key IN (" : "", in, nkeys ? ")" : "") : NULL;
	free(in);
	if (!sql)
		return yg_fail(YG_ENOMEM, "out of memory");
	st = yg_prepare(db, sql);
	free(sql);
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int(st, 1, p);
	sqlite3_bind_text(st, 2, form_key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, YG_SCOPE_ID(db));
	for (size_t i = 0; i < nkeys; i++)
		sqlite3_bind_text(st, (int)i + 4, keys[i], -1, SQLITE_STATIC);
	while (rc == YG_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0), org = sqlite3_column_int64(st, 1);
		int state = yg_state_parse((const char *)sqlite3_column_text(st, 2));

		if (state < 0 || !(states & (1u << state)))
			continue;
		if (id != last)
			rc = fn(arg, org, NULL, 0);
		last = id;
		if (rc == YG_OK && sqlite3_column_type(st, 3) != SQLITE_NULL &&
		    sqlite3_column_type(st, 4) == SQLITE_INTEGER)
			rc = fn(arg, org, (const char *)sqlite3_column_text(st, 3),
				sqlite3_column_int64(st, 4));
	}
	if (rc == YG_OK && step != SQLITE_DONE)
		rc = yg_sql_fail(db, "values");
	sqlite3_finalize(st);
	return rc;
}
