/*
 * bulletin.c — the monthly bulletin's figures, ranks and names (see
 * bulletin.h for what they rest on and the composite's rule).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bulletin.h"
#include "forms.h"

void bulletin_free(struct bulletin *b)
{
	for (size_t i = 0; i < b->nunits; i++) {
		free(b->units[i].code);
		free(b->units[i].name);
	}
	free(b->units);
	for (size_t i = 0; i < b->nnamed; i++) {
		free(b->named[i].code);
		free(b->named[i].name);
	}
	free(b->named);
	for (int t = 0; t < DASH_NTARGETS; t++) {
		free(b->targets[t].figure);
		for (size_t i = 0; i < b->targets[t].nmissed; i++)
			free(b->targets[t].missed[i]);
		free(b->targets[t].missed);
	}
	for (int t = 0; t < OUT_NTARGETS; t++) {
		free(b->out_targets[t].figure);
		for (size_t i = 0; i < b->out_targets[t].nmissed; i++)
			free(b->out_targets[t].missed[i]);
		free(b->out_targets[t].missed);
	}
	outcomes_free(&b->outcomes);
	outcomes_free(&b->outcomes_before);
	free(b->cost_order);
	free(b->top_code);
	free(b->top_name);
	memset(b, 0, sizeof *b);
}

static int oom(void)
{
	return yg_fail(YG_ENOMEM, "out of memory");
}

/* Is dash unit u at or below the unit top (by the tree the dash holds)? */
static bool under(const struct dash *d, const struct dash_unit *u, int64_t top)
{
	for (int guard = 0; u && guard < 64; guard++) {
		if (u->id == top)
			return true;
		const struct dash_unit *parent = NULL;
		for (size_t i = 0; i < d->n && !parent; i++)
			if (d->u[i].id == u->parent_id)
				parent = &d->u[i];
		u = parent;
	}
	return false;
}

static struct bul_unit *unit_of(struct bulletin *b, const char *code)
{
	for (size_t i = 0; i < b->nunits; i++)
		if (!strcmp(b->units[i].code, code))
			return &b->units[i];
	return NULL;
}

/* The ranked unit a dash unit counts for: itself (an institution), or
 * above the county the unit below the top it belongs to (its county). */
static struct bul_unit *row_of(struct bulletin *b, const struct dash *d,
	const struct dash_unit *u)
{
	for (int guard = 0; u && guard < 64; guard++) {
		struct bul_unit *bu = unit_of(b, u->code);
		const struct dash_unit *parent = NULL;

		if (bu)
			return bu;
		for (size_t i = 0; i < d->n && !parent; i++)
			if (d->u[i].id == u->parent_id)
				parent = &d->u[i];
		u = parent;
	}
	return NULL;
}

/* The units a bulletin of top ranks: its institutions, or above the
 * county the units directly below it (a prefecture's counties, and any
 * institution of its own). */
static bool ranked(const struct dash *d, const struct dash_unit *u, const struct dash_unit *top)
{
	if (top->kind == YG_KIND_PREFECTURE || top->kind == YG_KIND_PROVINCE)
		return u->parent_id == top->id && (yg_kind_is_level(u->kind) || !u->aggregate);
	return !u->aggregate && under(d, u, top->id);
}

static int by_score(const void *x, const void *y)
{
	const struct bul_unit *a = x, *b = y;

	if (a->score10 != b->score10)
		return b->score10 - a->score10;
	return strcmp(a->code, b->code);
}

static int timeliness10(const struct bul_unit *u)
{
	return u->expected ? (u->on_time * 1000 + u->expected / 2) / u->expected : 0;
}

static int by_filing(const void *x, const void *y)
{
	const struct bul_unit *a = *(const struct bul_unit *const *)x,
		*b = *(const struct bul_unit *const *)y;
	int ta = timeliness10(a), tb = timeliness10(b);

	if (ta != tb)
		return tb - ta;
	if (a->missing != b->missing)
		return a->missing - b->missing;
	return strcmp(a->code, b->code);
}

static int by_lateness(const void *x, const void *y)
{
	const struct bul_return *a = x, *b = y;

	if (a->missing != b->missing)
		return a->missing ? -1 : 1;
	if (a->days_late != b->days_late)
		return b->days_late - a->days_late;
	if (strcmp(a->code, b->code))
		return strcmp(a->code, b->code);
	return strcmp(a->form->key, b->form->key);
}

/* Composite ranks: equal scores share the better rank. */
static void rank(struct bulletin *b)
{
	struct bul_unit **v;

	for (size_t i = 0; i < b->nunits; i++) {
		struct bul_unit *u = &b->units[i];
		int t = timeliness10(u), m = u->verdicts ? (u->met * 1000 + u->verdicts / 2) /
			u->verdicts : t;

		u->score10 = (t + m + 1) / 2;
	}
	qsort(b->units, b->nunits, sizeof *b->units, by_score);
	for (size_t i = 0; i < b->nunits; i++)
		b->units[i].rank = i && b->units[i].score10 == b->units[i - 1].score10 ?
			b->units[i - 1].rank : (int)i + 1;
	if (!b->nunits || !(v = malloc(b->nunits * sizeof *v)))
		return;
	for (size_t i = 0; i < b->nunits; i++)
		v[i] = &b->units[i];
	qsort(v, b->nunits, sizeof *v, by_filing);
	for (size_t i = 0; i < b->nunits; i++)
		v[i]->filing_rank = i && !by_filing(&v[i], &v[i - 1]) ? v[i - 1]->filing_rank :
			(int)i + 1;
	free(v);
}

static int filing(yg_db *db, struct bulletin *b, const struct dash *d, int64_t top)
{
	struct yg_status *st = NULL;
	size_t n = 0;
	yg_date today = yg_date_today();
	int rc = yg_status_list(db, b->period, &st, &n);

	for (size_t i = 0; rc == YG_OK && i < n; i++) {
		const struct yg_status *s = &st[i];
		const struct dash_unit *du = dash_unit_find(d, s->org_code);
		struct bul_unit *u = du ? row_of(b, d, du) : NULL;

		if (!du || !u || !under(d, du, top))
			continue;
		u->expected++;
		b->expected++;
		if (s->state == YG_ST_SUBMITTED || s->state == YG_ST_RETURNED ||
		    s->state == YG_ST_REOPENED)
			b->not_approved++;
		if (s->submitted_at) {
			b->received++;
			if (!s->late) {
				u->on_time++;
				b->on_time++;
				continue;
			}
			u->late++;
			b->late++;
		} else if (s->late) {
			u->missing++;
			b->missing++;
		} else {
			u->pending++;
			b->pending++;
			continue;
		}
		struct bul_return *nv = realloc(b->named, (b->nnamed + 1) * sizeof *nv);
		if (!nv) {
			rc = oom();
			break;
		}
		b->named = nv;
		struct bul_return *r = &b->named[b->nnamed++];
		memset(r, 0, sizeof *r);
		r->code = yg_strdup(s->org_code);
		r->name = yg_strdup(s->org_name);
		r->form = s->form;
		r->missing = !s->submitted_at;
		if (r->missing) {
			r->days_late = (int)(today - b->due);
		} else {
			int64_t t;
			if (yg_time_parse(s->submitted_at, &t) == YG_OK)
				r->days_late = (int)(yg_date_of_time(t) - b->due);
		}
		if (!r->code || !r->name)
			rc = oom();
	}
	yg_status_list_free(st, n);
	if (rc == YG_OK && b->nnamed)
		qsort(b->named, b->nnamed, sizeof *b->named, by_lateness);
	return rc;
}

static int add_missed(struct bul_target *t, const char *name)
{
	char **nv = realloc(t->missed, (t->nmissed + 1) * sizeof *nv);

	if (!nv)
		return oom();
	t->missed = nv;
	if (!(t->missed[t->nmissed] = yg_strdup(name)))
		return oom();
	t->nmissed++;
	return YG_OK;
}

static int targets(struct bulletin *b, const struct dash *d, const struct dash_unit *top)
{
	for (int t = 0; t < DASH_NTARGETS; t++) {
		struct bul_target *bt = &b->targets[t];

		bt->index = t;
		bt->met = top->fig[t].met;
		if (!(bt->figure = dash_figure_text(top, t)))
			return oom();
		for (size_t i = 0; i < d->n; i++) {
			const struct dash_unit *u = &d->u[i];
			/* Community figures (T4) are judged per community. */
			bool judged = dash_targets[t].kind == DASH_COMMUNITY ?
				u->kind == YG_KIND_COMMUNITY : !u->aggregate;
			struct bul_unit *bu;

			/* No verdict: nothing applies, or not yet in force. */
			if (!judged || !under(d, u, top->id) || u->fig[t].met == YG_NA ||
			    u->fig[t].met == YG_NOT_IN_FORCE)
				continue;
			if (u->fig[t].met == YG_MISSED && add_missed(bt, u->name) != YG_OK)
				return YG_ENOMEM;
			if (!u->aggregate && (bu = row_of(b, d, u))) {
				bu->verdicts++;
				bu->met += u->fig[t].met == YG_MET;
			}
		}
	}
	return YG_OK;
}

const struct out_row *bulletin_out_row(const struct outcomes *o, const char *code,
	bool is_target, int index)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->rows[i].is_target == is_target && o->rows[i].index == index &&
		    !strcmp(o->rows[i].org_code, code))
			return &o->rows[i];
	return NULL;
}

/* T14–T18: the top unit's verdicts, who missed them, and each
 * institution's verdicts for its composite. */
static int outcome_targets(struct bulletin *b, const struct dash *d)
{
	const struct outcomes *o = &b->outcomes;

	for (int t = 0; t < OUT_NTARGETS; t++) {
		struct bul_target *bt = &b->out_targets[t];
		const struct out_row *top = bulletin_out_row(o, b->top_code, true, t);
		char buf[32];

		bt->index = t;
		bt->met = top ? top->met : YG_NA;
		if (top)
			out_format(top->unit, top->fig, top->met, top->threshold_x100, buf);
		else
			snprintf(buf, sizeof buf, "--");
		if (!(bt->figure = yg_strdup(buf)))
			return oom();
	}
	for (size_t i = 0; i < o->n; i++) {
		const struct out_row *r = &o->rows[i];
		struct bul_unit *u;

		if (!r->is_target || r->depth == 0 || r->met == YG_NA || r->met == YG_NOT_IN_FORCE)
			continue;
		if (r->met == YG_MISSED && add_missed(&b->out_targets[r->index], r->org_name) != YG_OK)
			return YG_ENOMEM;
		const struct dash_unit *du = dash_unit_find(d, r->org_code);

		if (r->level == OUT_INSTITUTION && du && (u = row_of(b, d, du))) {
			u->verdicts++;
			u->met += r->met == YG_MET;
		}
	}
	return YG_OK;
}

struct growth {
	size_t unit;
	bool has;
	int64_t x100;       /* 医疗费用增长率 in hundredths of a percent */
	const char *code;
};

static int by_growth(const void *x, const void *y)
{
	const struct growth *a = x, *b = y;

	if (a->has != b->has)
		return a->has ? -1 : 1;
	if (a->has && a->x100 != b->x100)
		return a->x100 < b->x100 ? -1 : 1;
	return strcmp(a->code, b->code);
}

/* Institutions by revenue growth, lowest first; not applicable last. */
static int cost_order(struct bulletin *b)
{
	struct growth *g = calloc(b->nunits ? b->nunits : 1, sizeof *g);

	if (!g || !(b->cost_order = calloc(b->nunits ? b->nunits : 1, sizeof *b->cost_order))) {
		free(g);
		return oom();
	}
	for (size_t i = 0; i < b->nunits; i++) {
		const struct out_row *r = bulletin_out_row(&b->outcomes, b->units[i].code, false,
			OUT_COST_GROWTH);

		g[i].unit = i;
		g[i].code = b->units[i].code;
		g[i].has = r && out_value_x100(r->fig, r->unit, &g[i].x100);
	}
	qsort(g, b->nunits, sizeof *g, by_growth);
	for (size_t i = 0; i < b->nunits; i++)
		b->cost_order[i] = g[i].unit;
	free(g);
	return YG_OK;
}

/* The top unit's level of every target in month p (-1 where none). */
static int levels(yg_db *db, yg_period p, const char *code, int out[DASH_NTARGETS])
{
	struct dash d;
	const struct dash_unit *u;
	int rc = dash_compute_basis(db, p, DASH_APPROVED, &d);

	if (rc != YG_OK)
		return rc;
	u = dash_unit_find(&d, code);
	for (int t = 0; t < DASH_NTARGETS; t++)
		out[t] = u ? dash_level(u, t) : -1;
	dash_free(&d);
	return YG_OK;
}

static int trends(yg_db *db, struct bulletin *b)
{
	int lv[DASH_NTARGETS];

	for (int m = 0; m < 12; m++) {
		yg_period p = yg_period_add(b->period, m - 11);
		int rc = levels(db, p, b->top_code, lv);

		for (int t = 0; rc == YG_OK && t < DASH_NTARGETS; t++)
			b->trend[t][m] = lv[t];
		if (rc == YG_OK)
			rc = levels(db, yg_period_add(p, -12), b->top_code, lv);
		for (int t = 0; rc == YG_OK && t < DASH_NTARGETS; t++)
			b->year_before[t][m] = lv[t];
		if (rc != YG_OK)
			return rc;
	}
	return YG_OK;
}

int bulletin_build(yg_db *db, yg_period p, const char *code, struct bulletin *out)
{
	struct dash d;
	const struct dash_unit *top;
	int rc;

	memset(out, 0, sizeof *out);
	out->period = p;
	out->due = yg_due_date(db, p);
	if ((rc = dash_compute_basis(db, p, DASH_APPROVED, &d)) != YG_OK)
		return rc;
	top = code ? dash_unit_find(&d, code) : d.n ? &d.u[0] : NULL;
	if (!top) {
		dash_free(&d);
		if (code)
			return yg_fail(YG_ENOTFOUND, "no unit \"%s\" within your scope", code);
		return yg_fail(YG_ENOTFOUND, "no unit within your scope");
	}
	if (!top->aggregate) {
		rc = yg_fail(YG_EINVAL,
			"a bulletin covers a county or a medical community; \"%s\" is an institution",
			top->code);
		dash_free(&d);
		return rc;
	}
	out->top_code = yg_strdup(top->code);
	out->top_name = yg_strdup(top->name);
	for (size_t i = 0; i < d.n; i++)
		if (ranked(&d, &d.u[i], top))
			out->nunits++;
	out->units = calloc(out->nunits ? out->nunits : 1, sizeof *out->units);
	if (!out->top_code || !out->top_name || !out->units) {
		dash_free(&d);
		bulletin_free(out);
		return oom();
	}
	out->nunits = 0;
	for (size_t i = 0; i < d.n; i++) {
		struct bul_unit *u;

		if (!ranked(&d, &d.u[i], top))
			continue;
		u = &out->units[out->nunits++];
		u->code = yg_strdup(d.u[i].code);
		u->name = yg_strdup(d.u[i].name);
		if (!u->code || !u->name)
			rc = oom();
	}
	if (rc == YG_OK)
		rc = filing(db, out, &d, top->id);
	if (rc == YG_OK)
		rc = targets(out, &d, top);
	if (rc == YG_OK)
		rc = outcomes_compute_basis(db, p, out->top_code, true, &out->outcomes);
	if (rc == YG_OK)
		rc = outcomes_compute_basis(db, yg_period_add(p, -12), out->top_code, true,
			&out->outcomes_before);
	if (rc == YG_OK)
		rc = outcome_targets(out, &d);
	dash_free(&d);
	if (rc == YG_OK)
		rank(out);
	if (rc == YG_OK)
		rc = cost_order(out);
	if (rc == YG_OK)
		rc = trends(db, out);
	if (rc != YG_OK)
		bulletin_free(out);
	return rc;
}
