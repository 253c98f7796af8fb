/*
 * status.c — where every return of a period stands: completeness and
 * timeliness, for the reviewer's grid and `yigong status`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "statusfmt.h"

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
 * form: a province's ten thousand returns are one query, not one each.
 * below: only those of the units at or below it (0: every unit), found by
 * the unique key's unit first, so that a county's grid inside a province
 * reads its own few hundred returns, not the province's month. */
static int period_rows(yg_db *db, yg_period period, int64_t below, struct row **out, size_t *n)
{
	sqlite3_stmt *st = yg_prepare(db, below ? "WITH RECURSIVE below(id) AS (SELECT ?2"
		" UNION ALL SELECT o.id FROM org_unit o JOIN below ON o.parent_id = below.id)"
		" SELECT org_id, form, id, state, version, submitted_at, comment, errors, warnings"
		" FROM submission WHERE period = ?1 AND org_id IN below" :
		"SELECT org_id, form, id, state, version, submitted_at,"
		" comment, errors, warnings FROM submission WHERE period = ?1");
	size_t cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int(st, 1, period);
	if (below)
		sqlite3_bind_int64(st, 2, below);
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

/* What the status lines and a form's files() read of a unit, as
 * yg_org_list gives it.  The community's lead and supporting codes and the
 * parent's code stay NULL: no form's files() reads them (the insurance
 * form asks the tree itself). */
#define UNIT_COLUMNS "o.id, o.code, o.name, o.kind, o.tier, o.parent_id, o.key_central," \
	" o.closed, o.opened, o.closed_period FROM org_unit o"

/* The units a statement of UNIT_COLUMNS gives, in its order. */
static int units_read(yg_db *db, sqlite3_stmt *st, struct yg_org **out, size_t *n)
{
	struct yg_org *v = NULL;
	size_t cap = 0, count = 0;
	int step;

	*out = NULL;
	*n = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct yg_org *o;

		if (count == cap) {
			struct yg_org *nv = realloc(v, (cap = cap ? cap * 2 : 32) * sizeof *nv);
			if (!nv) {
				sqlite3_finalize(st);
				yg_org_list_free(v, count);
				return yg_fail(YG_ENOMEM, "out of memory");
			}
			v = nv;
		}
		o = &v[count++];
		memset(o, 0, sizeof *o);
		o->id = sqlite3_column_int64(st, 0);
		o->code = yg_col_text(st, 1);
		o->name = yg_col_text(st, 2);
		o->kind = yg_kind_parse((const char *)sqlite3_column_text(st, 3));
		o->tier = yg_tier_parse((const char *)sqlite3_column_text(st, 4));
		o->parent_id = sqlite3_column_int64(st, 5);
		o->key_central = sqlite3_column_int(st, 6);
		o->closed = sqlite3_column_int(st, 7);
		o->opened = sqlite3_column_int(st, 8);
		o->closed_in = o->closed ? sqlite3_column_int(st, 9) : 0;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		yg_org_list_free(v, count);
		return yg_sql_fail(db, "status");
	}
	*out = v;
	*n = count;
	return YG_OK;
}

/* The units at or below root, closed ones too, in tree order (a path of
 * codes sorts parents before children, siblings by code), as yg_org_list
 * gives the actor's scope. */
static int subtree(yg_db *db, int64_t root, struct yg_org **out, size_t *n)
{
	sqlite3_stmt *st = yg_prepare(db, "WITH RECURSIVE t(id, path) AS ("
		" SELECT id, code FROM org_unit WHERE id = ?1"
		" UNION ALL SELECT o.id, t.path || char(31) || o.code"
		" FROM org_unit o JOIN t ON o.parent_id = t.id)"
		" SELECT " UNIT_COLUMNS " JOIN t ON t.id = o.id ORDER BY t.path");

	*out = NULL;
	*n = 0;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, root);
	return units_read(db, st, out, n);
}

/* The lines of units orgs (tree order) against the stored returns rows of
 * the period (period_rows): one per unit open in the month and form it
 * files.  The rows' texts are handed over to the lines. */
static int lines_of(yg_db *db, yg_period period, const struct yg_org *orgs, size_t norgs,
	struct row *rows, size_t nrows, struct yg_status **out, size_t *n)
{
	size_t count = 0, cap = 0;
	struct yg_status *v = NULL;
	yg_date due = yg_due_date(db, period), today = yg_date_today();
	yg_period v2_from = yg_setting_get_int(db, YG_SET_OBLIGATIONS_FROM, 0);
	int rc = YG_OK;

	*out = NULL;
	*n = 0;
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
	if (rc != YG_OK) {
		yg_status_list_free(v, count);
		return rc;
	}
	*out = v;
	*n = count;
	return YG_OK;
}

static void rows_free(struct row *rows, size_t nrows)
{
	for (size_t i = 0; i < nrows; i++) {
		free(rows[i].submitted_at);
		free(rows[i].comment);
	}
	free(rows);
}

/* The lines of the units orgs, reading the returns of those at or below
 * below (0: of every unit). */
static int lines_below(yg_db *db, yg_period period, int64_t below, const struct yg_org *orgs,
	size_t norgs, struct yg_status **out, size_t *n)
{
	struct row *rows = NULL;
	size_t nrows = 0;
	int rc = period_rows(db, period, below, &rows, &nrows);

	if (rc == YG_OK)
		rc = lines_of(db, period, orgs, norgs, rows, nrows, out, n);
	rows_free(rows, nrows);
	return rc;
}

int yg_status_list(yg_db *db, yg_period period, struct yg_status **out, size_t *n)
{
	assert(db && out && n && YG_PERIOD_VALID(period));
	struct yg_org *orgs = NULL;
	size_t norgs = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = yg_org_list(db, &orgs, &norgs)) != YG_OK)
		return rc;
	rc = lines_below(db, period, 0, orgs, norgs, out, n);
	yg_org_list_free(orgs, norgs);
	return rc;
}

/* The unit whose subtree is what the actor may see of unit_id's: unit_id
 * within the scope, the scope when unit_id holds it; 0 when they do not
 * meet (*rc the refusal). */
static int64_t seen_root(yg_db *db, int64_t unit_id, int *rc)
{
	*rc = YG_OK;
	if (db->system || yg_org_within(db, db->actor.org_id, unit_id))
		return unit_id;
	if (yg_org_within(db, unit_id, db->actor.org_id))
		return db->actor.org_id;
	*rc = yg_need_scope(db, unit_id); /* the refusal that names it */
	return 0;
}

int yg_status_list_below(yg_db *db, yg_period period, int64_t unit_id,
	struct yg_status **out, size_t *n)
{
	assert(db && out && n && YG_PERIOD_VALID(period));
	struct yg_org *orgs = NULL;
	size_t norgs = 0;
	int64_t root;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = yg_need_login(db)) != YG_OK)
		return rc;
	if (!(root = seen_root(db, unit_id, &rc)))
		return rc;
	if ((rc = subtree(db, root, &orgs, &norgs)) != YG_OK)
		return rc;
	rc = lines_below(db, period, root, orgs, norgs, out, n);
	yg_org_list_free(orgs, norgs);
	return rc;
}

int yg_status_units(yg_db *db, yg_period p, int64_t top, struct yg_org **out, size_t *n)
{
	assert(db && out && n && YG_PERIOD_VALID(p));
	sqlite3_stmt *st;
	size_t kept = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = yg_need_scope(db, top)) != YG_OK)
		return rc;
	if (!(st = yg_prepare(db, "SELECT " UNIT_COLUMNS " WHERE o.parent_id = ?1 ORDER BY o.code")))
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, top);
	if ((rc = units_read(db, st, out, n)) != YG_OK)
		return rc;
	for (size_t i = 0; i < *n; i++) {
		struct yg_org o = (*out)[i];

		/* A level's or community's month of opening is when this
		 * database learnt of it (a prefecture's import), not when its
		 * institutions began to file: those alone decide, through the
		 * lines counted below it. */
		if (!yg_kind_is_institution(o.kind))
			o.opened = 0;
		if (yg_org_open_in(&o, p))
			(*out)[kept++] = (*out)[i];
		else
			yg_org_clear(&(*out)[i]);
	}
	*n = kept;
	return YG_OK;
}

/* ---------------------------------------------------------------------------
 * A unit's line of the grid above the institutions (statusfmt.h), stored per
 * month (yg_memo_*, YG_MEMO_STATUS).  Every count but one is the same
 * whenever it is read; the returns not yet received are missing or pending
 * by today, so they are kept as one count (in pending) and split at reading.
 */

/* The layout of a stored line; another (an older program's) reads as
 * absent and the line is computed again. */
#define SUMS_TAG 0x5953 /* "YS", layout 1 */

static size_t form_index(const struct yg_form *form)
{
	size_t k = 0;

	while (k < yg_form_count() && yg_form_at(k) != form)
		k++;
	return k;
}

/* Adds line s to the sums by form (one per registered form), leaving every
 * return not received in pending. */
static void sums_add(struct status_sum *acc, const struct yg_status *s)
{
	size_t k = form_index(s->form);
	struct status_sum *a;

	if (k >= yg_form_count())
		return;
	a = &acc[k];
	a->form = s->form;
	a->t.expected++;
	switch (s->state) {
	case YG_ST_EMPTY: a->t.not_started++; break;
	case YG_ST_DRAFT:
	case YG_ST_REOPENED: a->t.draft++; break;
	case YG_ST_SUBMITTED: a->t.submitted++; break;
	case YG_ST_RETURNED: a->t.returned++; break;
	case YG_ST_APPROVED: a->t.approved++; break;
	}
	if (s->submitted_at) {
		a->t.received++;
		if (s->late)
			a->t.late++;
		else
			a->t.on_time++;
	} else {
		a->t.pending++;
	}
	if (s->state != YG_ST_EMPTY) {
		a->errors += s->errors;
		a->warnings += s->warnings;
	}
}

/* The sums of acc (by registered form) that expect a return, in registry
 * order, the returns not received split against the due date: late once
 * today is past it (as yg_status_list's lines are). */
static int sums_out(yg_db *db, yg_period p, const struct status_sum *acc,
	struct status_sum **out, size_t *n)
{
	bool past = yg_date_today() > yg_due_date(db, p);
	size_t count = 0;

	*out = NULL;
	*n = 0;
	for (size_t k = 0; k < yg_form_count(); k++)
		count += acc[k].t.expected > 0;
	if (!count)
		return YG_OK;
	if (!(*out = calloc(count, sizeof **out)))
		return yg_fail(YG_ENOMEM, "out of memory");
	for (size_t k = 0; k < yg_form_count(); k++) {
		struct status_sum *s;

		if (!acc[k].t.expected)
			continue;
		s = &(*out)[(*n)++];
		*s = acc[k];
		if (past) {
			s->t.missing = s->t.pending;
			s->t.pending = 0;
		}
	}
	return YG_OK;
}

static int sums_pack(struct yg_pack *pk, const struct status_sum *acc)
{
	size_t count = 0;
	int rc;

	for (size_t k = 0; k < yg_form_count(); k++)
		count += acc[k].t.expected > 0;
	rc = yg_pack_int(pk, SUMS_TAG);
	if (rc == YG_OK)
		rc = yg_pack_int(pk, (int64_t)count);
	for (size_t k = 0; rc == YG_OK && k < yg_form_count(); k++) {
		const struct status_sum *a = &acc[k];
		/* The form by its key: the registry's order may change. */
		const char *key = yg_form_at(k)->key;
		const int64_t v[] = { (int64_t)a->t.expected, (int64_t)a->t.submitted,
			(int64_t)a->t.approved, (int64_t)a->t.returned, (int64_t)a->t.draft,
			(int64_t)a->t.not_started, (int64_t)a->t.on_time, (int64_t)a->t.late,
			(int64_t)a->t.pending, a->errors, a->warnings };

		if (!a->t.expected)
			continue;
		rc = yg_pack_int(pk, (int64_t)strlen(key));
		if (rc == YG_OK)
			rc = yg_pack_bytes(pk, key, strlen(key));
		for (size_t i = 0; rc == YG_OK && i < sizeof v / sizeof v[0]; i++)
			rc = yg_pack_int(pk, v[i]);
	}
	return rc;
}

/* A stored line into acc (by registered form, zeroed first); false when it
 * is not one this program wrote (tag, a form it does not know, counts that
 * do not add up), to be computed again. */
static bool sums_unpack(struct yg_pack *pk, struct status_sum *acc)
{
	int64_t tag, count;

	memset(acc, 0, yg_form_count() * sizeof *acc);
	if (!yg_unpack_int(pk, &tag) || tag != SUMS_TAG || !yg_unpack_int(pk, &count) ||
	    count < 0 || (uint64_t)count > yg_form_count())
		return false;
	for (int64_t i = 0; i < count; i++) {
		int64_t len, v[11];
		char key[64];
		const struct yg_form *form;
		struct status_sum *a;

		if (!yg_unpack_int(pk, &len) || len <= 0 || len >= (int64_t)sizeof key ||
		    (size_t)len > pk->n - pk->at)
			return false;
		memcpy(key, pk->b + pk->at, (size_t)len);
		key[len] = '\0';
		pk->at += (size_t)len;
		for (size_t j = 0; j < sizeof v / sizeof v[0]; j++)
			if (!yg_unpack_int(pk, &v[j]) || v[j] < 0)
				return false;
		if (!(form = yg_form_find(key)) || (a = &acc[form_index(form)])->t.expected ||
		    v[1] + v[2] + v[3] + v[4] + v[5] != v[0] || v[6] + v[7] + v[8] != v[0] || !v[0])
			return false;
		*a = (struct status_sum){ .form = form, .t = {
			.expected = (size_t)v[0], .submitted = (size_t)v[1], .approved = (size_t)v[2],
			.returned = (size_t)v[3], .draft = (size_t)v[4], .not_started = (size_t)v[5],
			.received = (size_t)(v[6] + v[7]), .on_time = (size_t)v[6],
			.late = (size_t)v[7], .pending = (size_t)v[8] },
			.errors = v[9], .warnings = v[10] };
	}
	return pk->at == pk->n;
}

/*
 * yg_memo_fill's computation: the month's line of every unit above the
 * institutions (community, county, prefecture, province; closed ones too,
 * empty), from one reading of the whole tree's lines added up the tree,
 * packed and put; or, for `check` (arg the findings), compared with what is
 * stored.
 */
static int fill_month(void *arg, yg_db *db, yg_period p)
{
	struct yg_org *orgs = NULL;
	struct yg_status *v = NULL;
	struct yg_org_index *x = NULL;
	struct status_sum *acc = NULL;
	ssize_t *slot = NULL;
	struct yg_pack pk = { 0 };
	size_t norgs = 0, nv = 0, nf = yg_form_count(), nslots = 0;
	int64_t root = yg_root_id(db);
	int rc = YG_OK;

	struct yg_findings *out = arg;
	struct yg_pack old = { 0 };
	bool found;
	char per[8];

	yg_period_format(p, per);
	if (!root)
		return YG_OK;
	if ((rc = subtree(db, root, &orgs, &norgs)) == YG_OK)
		rc = lines_below(db, p, 0, orgs, norgs, &v, &nv);
	if (rc == YG_OK && (!(x = yg_org_index_new(orgs, norgs)) ||
	    !(slot = calloc(norgs ? norgs : 1, sizeof *slot))))
		rc = yg_fail(YG_ENOMEM, "out of memory");
	for (size_t i = 0; rc == YG_OK && i < norgs; i++)
		slot[i] = yg_kind_is_institution(orgs[i].kind) ? -1 : (ssize_t)nslots++;
	if (rc == YG_OK && !(acc = calloc(nslots * nf + 1, sizeof *acc)))
		rc = yg_fail(YG_ENOMEM, "out of memory");
	/* Each line into the unit above it, and every unit above that. */
	for (size_t i = 0; rc == YG_OK && i < nv; i++)
		for (ssize_t j = yg_org_index_find(x, v[i].org_id); j >= 0;
		     j = orgs[j].parent_id ? yg_org_index_find(x, orgs[j].parent_id) : -1)
			if (slot[j] >= 0)
				sums_add(&acc[(size_t)slot[j] * nf], &v[i]);
	for (size_t i = 0; rc == YG_OK && i < norgs; i++) {
		if (slot[i] < 0)
			continue;
		pk.n = pk.at = 0;
		rc = sums_pack(&pk, &acc[(size_t)slot[i] * nf]);
		if (rc == YG_OK && !out)
			rc = yg_memo_put(db, YG_MEMO_STATUS, p, orgs[i].id, &pk);
		else if (rc == YG_OK &&
		    (rc = yg_memo_get(db, YG_MEMO_STATUS, p, orgs[i].id, &old, &found)) == YG_OK &&
		    (!found || old.n != pk.n || memcmp(old.b, pk.b, pk.n) != 0))
			yg_findings_add(out, "DB", YG_SEV_ERROR, NULL,
				"the stored review counts of %s in %s differ from the returns'",
				orgs[i].code, per);
	}
	yg_pack_free(&pk);
	yg_pack_free(&old);
	free(acc);
	free(slot);
	yg_org_index_free(x);
	yg_status_list_free(v, nv);
	yg_org_list_free(orgs, norgs);
	return rc;
}

int status_memo_verify(yg_db *db, yg_period p, struct yg_findings *out)
{
	assert(db && out && YG_PERIOD_VALID(p));
	bool sealed = false;
	int rc;

	if (!yg_memo_writable(db))
		return YG_OK; /* nothing is stored below the root */
	/* Compared in one transaction: no writer between the two. */
	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	if ((rc = yg_memo_sealed(db, YG_MEMO_STATUS, p, &sealed)) == YG_OK && sealed)
		rc = fill_month(out, db, p);
	return yg_write_end(db, rc);
}

/* The stored line of org_id into acc; false when there is none to trust. */
static bool sums_stored(yg_db *db, yg_period p, int64_t org_id, struct status_sum *acc)
{
	struct yg_pack pk = { 0 };
	bool sealed = false, found = false;

	/* Below the root nothing is stored: computed live.  At the root the
	 * first screen to ask stores the month; when that fails (another
	 * writer holds the lock too long) the line is computed live too. */
	if (!yg_memo_writable(db) || yg_memo_fill(db, YG_MEMO_STATUS, p, fill_month, NULL) != YG_OK ||
	    yg_memo_sealed(db, YG_MEMO_STATUS, p, &sealed) != YG_OK || !sealed)
		return false;
	if (yg_memo_get(db, YG_MEMO_STATUS, p, org_id, &pk, &found) == YG_OK && found)
		found = sums_unpack(&pk, acc);
	yg_pack_free(&pk);
	return found;
}

int status_sums(yg_db *db, yg_period p, int64_t org_id, struct status_sum **out, size_t *n)
{
	assert(db && out && n && YG_PERIOD_VALID(p));
	struct status_sum *acc = calloc(yg_form_count() + 1, sizeof *acc);
	struct yg_status *v = NULL;
	size_t nv = 0;
	int rc = YG_OK;

	*out = NULL;
	*n = 0;
	if (!acc)
		return yg_fail(YG_ENOMEM, "out of memory");
	/* Computed live below the root (a county's few hundred lines), or
	 * when the stored line is missing or unreadable. */
	if (!sums_stored(db, p, org_id, acc)) {
		memset(acc, 0, yg_form_count() * sizeof *acc);
		rc = yg_status_list_below(db, p, org_id, &v, &nv);
		for (size_t i = 0; rc == YG_OK && i < nv; i++)
			sums_add(acc, &v[i]);
		yg_status_list_free(v, nv);
	}
	if (rc == YG_OK)
		rc = sums_out(db, p, acc, out, n);
	free(acc);
	return rc;
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
