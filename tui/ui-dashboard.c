/*
 * ui-dashboard.c — the targets dashboard: for each target T1–T13 the
 * month's figure for the top of the scope (the county, or a community for
 * its reviewer), met or missed, how many institutions met it, and a trend of
 * twelve months; then completeness and timeliness by month.  Enter opens a
 * target by community and institution.  Above the county (DESIGN §1) a
 * target opens by the level's own units (a prefecture's counties), and
 * Enter on one of them opens its own, down to the county's institutions.  The figures are forms/dashboard.c's;
 * completeness and timeliness are statusfmt.c's, as in `yigong status`.
 *
 * Trend charts.  The block characters U+2581..U+2588 are East Asian
 * *ambiguous* width: a Chinese SSH client set to draw ambiguous characters
 * wide doubles them and breaks the row.  So charts are ASCII by default,
 * nine levels ".:-=+*#%@" (a blank is a month without a figure), and use the
 * blocks only when $YIGONG_BLOCKS=1 says the terminal draws them narrow; b
 * switches between the two while the screen is open.
 */
#include "config.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulletin-pdf.h"
#include "dashboard.h"
#include "outcomes.h"
#include "forms.h"
#include "statusfmt.h"
#include "ui-review.h"
#include "ui-screen.h"
#include "ui-screens.h"

#define TREND 12
#define CACHE 36

enum { A_BLOCKS = UI_A_SCREEN, A_GDP, A_BULLETIN };

/* A month's level in a chart for one unit (dash_level for every target). */
struct unit_levels {
	int64_t id;
	short level[DASH_NTARGETS];
};

struct month {
	yg_period period;
	bool ok;
	/* The month in view keeps every figure (full: d); a month only drawn
	 * in the charts keeps each unit's levels (lv, by id), a few bytes a
	 * unit instead of a province's megabytes a month. */
	bool full;
	struct dash d;
	struct unit_levels *lv;
	size_t nlv;
	/* Where the figures are stored (yg_memo_writable): a chart's month
	 * reads the levels of the units it draws, one by one, into lv
	 * (unsorted) instead of the whole month. */
	bool lazy;
	bool part;     /* full, of some units only (dash_compute_under) */
	char *under;   /* part: the unit opened when it was made (NULL: the top) */
	int64_t top_id;
	int completeness, timeliness; /* tenths of a percent, -1 none */
};

struct dashboard {
	struct ui_screen base;
	yg_period period;
	struct month cache[CACHE];
	size_t ncache;
	/* 医共体成效: the outcome rows of the month (forms/outcomes.c), each
	 * with its own trend and year-before figure, so one computation. */
	struct outcomes out;
	yg_period out_period;
	bool out_ok;
	bool stored;         /* the figures are stored (yg_memo_writable) */
	int target;          /* -1: the overview; else the target opened */
	size_t sel, top;     /* overview: target rows then the two rates; detail: units */
	bool blocks;
	/* Detail: the unit opened (NULL: the top of the scope) and the rows
	 * shown, indices into the month's units (detail_rows). */
	char *open_code;
	size_t *view, nview;
};

static void month_clear(struct month *m)
{
	if (m->ok && m->full)
		dash_free(&m->d);
	free(m->lv);
	m->lv = NULL;
	m->nlv = 0;
	m->full = m->lazy = m->part = false;
	free(m->under);
	m->under = NULL;
}

static int by_id(const void *a, const void *b)
{
	const struct unit_levels *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Keeps only the levels of a month the screen shows in its charts. */
static void shrink(struct month *m)
{
	struct unit_levels *lv;

	if (m->ok && m->full && m->part) {
		/* Only some units: the charts read the others when drawn. */
		month_clear(m);
		m->lazy = true;
		return;
	}
	if (!m->ok || !m->full ||
	    !(lv = calloc(m->d.n ? m->d.n : 1, sizeof *lv)))
		return;
	for (size_t i = 0; i < m->d.n; i++) {
		lv[i].id = m->d.u[i].id;
		for (int t = 0; t < DASH_NTARGETS; t++)
			lv[i].level[t] = (short)dash_level(&m->d.u[i], t);
	}
	qsort(lv, m->d.n, sizeof *lv, by_id);
	m->top_id = m->d.n ? m->d.u[0].id : 0;
	m->nlv = m->d.n;
	m->lv = lv;
	dash_free(&m->d);
	m->full = false;
}

static struct month *month_of(struct dashboard *db, yg_period p);

static bool same_unit(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The month in view: where the figures are stored, the top of the scope
 * and the unit opened with the rows its detail shows (a province's month
 * is a dozen units); else the whole scope (small below the root), whose
 * levels the charts keep when it leaves the view. */
static void view_month(struct dashboard *db, struct month *m)
{
	m->full = m->ok = (db->stored ?
		dash_compute_under(ui_db(), m->period, db->open_code, &m->d) :
		dash_compute(ui_db(), m->period, &m->d)) == YG_OK;
	m->part = m->ok && db->stored;
	if (m->part && db->open_code)
		m->under = yg_strdup(db->open_code);
	if (!m->ok)
		ui_flash_error();
}

/* Completeness and timeliness of the top of the scope in m's month: the
 * grid's line of that unit (status_sums), every form. */
static void month_rates(struct dashboard *db, struct month *m)
{
	const struct month *view = m->period == db->period ? m : month_of(db, db->period);
	struct status_totals t = { 0 };
	struct status_sum *v = NULL;
	size_t n = 0;

	m->completeness = m->timeliness = -1;
	if (!view->ok || !view->full || view->d.n == 0 ||
	    status_sums(ui_db(), m->period, view->d.u[0].id, &v, &n) != YG_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		t.expected += v[i].t.expected;
		t.received += v[i].t.received;
		t.on_time += v[i].t.on_time;
	}
	free(v);
	m->completeness = status_completeness(&t);
	m->timeliness = status_timeliness_pct(&t);
}

static struct month *month_of(struct dashboard *db, yg_period p)
{
	struct month *m;

	for (size_t i = 0; i < db->ncache; i++) {
		m = &db->cache[i];
		if (m->period != p)
			continue;
		if (p != db->period || !m->ok || (m->full && same_unit(m->under, db->open_code)))
			return m;
		/* Back in view, or another unit opened: its figures again, the
		 * others' only levels. */
		for (size_t k = 0; k < db->ncache; k++)
			if (k != i)
				shrink(&db->cache[k]);
		month_clear(m);
		view_month(db, m);
		return m;
	}
	if (db->ncache == CACHE) {
		/* Reuse the slot of the month furthest from the one in view: it is
		 * outside every chart drawn, and no other entry moves (screens hold
		 * pointers into the months of the chart). */
		size_t far = 0;
		int best = -1;

		int now = yg_period_year(db->period) * 12 + yg_period_month(db->period);

		for (size_t i = 0; i < db->ncache; i++) {
			yg_period cp = db->cache[i].period;
			int dist = abs(yg_period_year(cp) * 12 + yg_period_month(cp) - now);

			if (dist > best) {
				best = dist;
				far = i;
			}
		}
		month_clear(&db->cache[far]);
		m = &db->cache[far];
	} else {
		m = &db->cache[db->ncache++];
	}
	memset(m, 0, sizeof *m);
	m->period = p;
	if (p != db->period && db->stored) {
		m->ok = m->lazy = true;
	} else if (p != db->period) {
		m->full = m->ok = dash_compute(ui_db(), p, &m->d) == YG_OK;
		if (!m->ok)
			ui_flash_error();
		shrink(m);
	} else {
		/* one month's figures at a time */
		for (size_t k = 0; k < db->ncache; k++)
			if (&db->cache[k] != m)
				shrink(&db->cache[k]);
		view_month(db, m);
	}
	month_rates(db, m);
	return m;
}

static void drop_cache(struct dashboard *db)
{
	for (size_t i = 0; i < db->ncache; i++)
		month_clear(&db->cache[i]);
	db->ncache = 0;
}

static const struct dash_unit *unit_in(struct dashboard *db, yg_period p, const char *code)
{
	struct month *m = month_of(db, p);

	if (!m->ok || !m->full)
		return NULL;
	return code ? dash_unit_find(&m->d, code) : m->d.n ? &m->d.u[0] : NULL;
}

/* The level of unit id in a month read unit by unit, read when first drawn. */
static int lazy_level(struct month *m, int64_t id, int target)
{
	struct unit_levels *lv;
	struct dash_unit u;
	bool found;

	for (size_t i = 0; i < m->nlv; i++)
		if (m->lv[i].id == id)
			return m->lv[i].level[target];
	if (dash_unit_get(ui_db(), m->period, DASH_RECEIVED, id, &u, &found) != YG_OK ||
	    !(lv = realloc(m->lv, (m->nlv + 1) * sizeof *lv)))
		return -1;
	m->lv = lv;
	lv = &m->lv[m->nlv++];
	lv->id = id;
	for (int t = 0; t < DASH_NTARGETS; t++)
		lv->level[t] = (short)(found ? dash_level(&u, t) : -1);
	return lv->level[target];
}

/* The level of a unit (code; NULL: the top of the scope) for a target in
 * month p, -1 when none. */
static int level_in(struct dashboard *db, yg_period p, const char *code, int target)
{
	struct month *m = month_of(db, p);
	struct unit_levels key = { 0 }, *hit;
	const struct dash_unit *u;

	if (!m->ok)
		return -1;
	if (m->full) {
		u = unit_in(db, p, code);
		return u ? dash_level(u, target) : -1;
	}
	if (!code && m->lazy) {
		if (!(u = unit_in(db, db->period, NULL)))
			return -1;
		key.id = u->id;
		m = month_of(db, p);
	} else if (!code) {
		key.id = m->top_id;
	} else {
		/* The unit's id from the month in view, whose rows are drawn. */
		if (!(u = unit_in(db, db->period, code)))
			return -1;
		key.id = u->id;
		m = month_of(db, p);
	}
	if (m->lazy)
		return lazy_level(m, key.id, target);
	hit = bsearch(&key, m->lv, m->nlv, sizeof *m->lv, by_id);
	return hit ? hit->level[target] : -1;
}

/* One character of a chart for a level 0..1000 (-1: blank). */
static const char *level_char(bool blocks, int level)
{
	static const char *const ascii[] = { ".", ":", "-", "=", "+", "*", "#", "%", "@" };
	static const char *const block[] = {
		"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588",
	};

	if (level < 0)
		return " ";
	if (level > 1000)
		level = 1000;
	return blocks ? block[level * 7 / 1000] : ascii[level * 8 / 1000];
}

/* The trend of one unit (code; NULL: the top of the scope) and target;
 * target -1 and -2: completeness and timeliness.  Caller frees. */
static char *trend(struct dashboard *db, const char *code, int target)
{
	char *s = yg_strdup(""), *t;

	for (int i = TREND - 1; s && i >= 0; i--) {
		yg_period p = yg_period_add(db->period, -i);
		int level = -1;

		if (target < 0) {
			struct month *m = month_of(db, p);

			level = target == -1 ? m->completeness : m->timeliness;
		} else {
			level = level_in(db, p, code, target);
		}
		t = yg_asprintf("%s%s", s, level_char(db->blocks, level));
		free(s);
		s = t;
	}
	return s;
}

static const char *verdict(enum yg_met m, enum ui_style *st)
{
	*st = m == YG_MET ? UI_S_OK : m == YG_MISSED ? UI_S_ERROR : UI_S_DIM;
	return yg_met_label(m);
}

/* k of n institutions met, for ratio targets of aggregates. */
static char *met_count(const struct dash_unit *u, int t)
{
	const struct dash_fig *f = &u->fig[t];

	if (!u->aggregate || dash_targets[t].kind != DASH_RATIO || f->applies_n == 0)
		return yg_strdup("");
	return yg_asprintf("%d/%d", f->met_n, f->applies_n);
}

/* Columns: mark, id or name, figure, verdict, k/n, trend. */
struct cols {
	int name, fig, verdict, count, trend;
};

static void layout(struct cols *c, int name_w)
{
	c->name = 1;
	c->trend = COLS - TREND - 1;
	c->count = c->trend - 10;
	c->verdict = c->count - 8;
	c->fig = c->verdict - 13;
	(void)name_w; /* names are clipped: the figures keep their columns */
}

/* The outcome rows of the month, computed once per month shown. */
static const struct outcomes *outcomes_of(struct dashboard *db)
{
	if (db->out_ok && db->out_period == db->period)
		return &db->out;
	if (db->out_ok)
		outcomes_free(&db->out);
	/* The overview shows the top of the scope: a province's units below
	 * are made only when Enter lists them (show_outcome). */
	db->out_ok = outcomes_compute_top(ui_db(), db->period, &db->out) == YG_OK;
	db->out_period = db->period;
	if (!db->out_ok)
		ui_flash_error();
	return db->out_ok ? &db->out : NULL;
}

/* The rows of the top of the scope: they come first, depth 0. */
static size_t outcome_rows(struct dashboard *db)
{
	const struct outcomes *o = outcomes_of(db);
	size_t n = 0;

	while (o && n < o->n && o->rows[n].depth == 0)
		n++;
	return n;
}

/* Overview: the targets, the two rates, the heading of 医共体成效, its rows. */
static size_t overview_rows_of(struct dashboard *db)
{
	return DASH_NTARGETS + 2 + 1 + outcome_rows(db);
}

static const char *outcome_name(const struct out_row *r)
{
	if (r->is_target)
		return YG_L(out_target_defs[r->index].zh, out_target_defs[r->index].en);
	return YG_L(out_defs[r->index].zh, out_defs[r->index].en);
}

/* Twelve months of an outcome as a chart: shares on their own scale (0 to
 * 100 %), money and changes between the lowest and highest month shown. */
static char *outcome_trend(const struct dashboard *db, const struct out_row *r)
{
	int64_t v[TREND], lo = INT64_MAX, hi = INT64_MIN;
	bool have[TREND], share = r->unit == OUT_PERCENT && strcmp(r->id, "cost_growth") &&
		strcmp(r->id, "T18") && strcmp(r->id, "T17");
	char *s = yg_strdup(""), *t;

	for (int i = 0; i < TREND; i++) {
		have[i] = out_value_x100(r->trend[i], r->unit, &v[i]);
		if (have[i] && v[i] < lo)
			lo = v[i];
		if (have[i] && v[i] > hi)
			hi = v[i];
	}
	for (int i = 0; s && i < TREND; i++) {
		int level = -1;

		if (have[i])
			level = share ? (int)(v[i] < 0 ? 0 : v[i] > 10000 ? 1000 : v[i] / 10) :
				hi > lo ? (int)((v[i] - lo) * 1000 / (hi - lo)) : 500;
		t = yg_asprintf("%s%s", s, level_char(db->blocks, level));
		free(s);
		s = t;
	}
	return s;
}

static char *outcome_value(const struct out_row *r, struct out_fig f, enum yg_met met)
{
	char buf[32];

	out_format(r->unit, f, met, r->threshold_x100, buf);
	return yg_strdup(buf);
}

/* The verdict of an outcome target; T17 names the band it fell in. */
static const char *outcome_verdict(const struct out_row *r, enum ui_style *st)
{
	if (!r->is_target) {
		*st = UI_S_DIM;
		return "";
	}
	if (r->band == 1) {
		*st = UI_S_ERROR;
		return _("shared");
	}
	if (r->band == 2) {
		*st = UI_S_ERROR;
		return _("own");
	}
	return verdict(r->met, st);
}

static void draw_outcome(struct dashboard *db, int y, size_t k, bool sel, attr_t a,
	const struct cols *c)
{
	const struct outcomes *o = outcomes_of(db);
	const struct out_row *r;
	char *fg, *prev, *tr;
	enum ui_style vs;
	const char *vd;

	if (!o || k >= o->n)
		return;
	r = &o->rows[k];
	ui_putf(y, 0, c->fig - 1, a, 0, "%s%-4s%s", sel ? ">" : " ", r->is_target ? r->id : "",
		outcome_name(r));
	fg = outcome_value(r, r->fig, r->met);
	prev = outcome_value(r, r->year_before, YG_NA);
	tr = outcome_trend(db, r);
	vd = outcome_verdict(r, &vs);
	ui_put(y, c->fig, c->verdict - c->fig - 1, a, 0, fg ? fg : "");
	ui_put(y, c->verdict, c->count - c->verdict - 1, sel ? a : ui_attr(vs), 0, vd);
	ui_put(y, c->count, c->trend - c->count - 1, a, 0, prev ? prev : "");
	ui_put(y, c->trend, TREND, a, 0, tr ? tr : "");
	free(fg);
	free(prev);
	free(tr);
}

/* Enter on an outcome: the figure of every unit below, as a list. */
static void show_outcome(struct dashboard *db, size_t k)
{
	const struct outcomes *top = outcomes_of(db);
	struct outcomes all;
	const struct outcomes *o = &all;
	const struct out_row *r0;
	char *text, *next;

	if (!top || k >= top->n)
		return;
	if (outcomes_compute(ui_db(), db->period, NULL, &all) != YG_OK) {
		ui_flash_error();
		return;
	}
	r0 = &top->rows[k];
	text = yg_asprintf(_("%s  source %s\nUnit                      month      a year before\n"),
		outcome_name(r0), r0->is_target ? out_target_defs[r0->index].source :
		out_defs[r0->index].source);
	for (size_t i = 0; text && i < o->n; i++) {
		const struct out_row *r = &o->rows[i];
		char v[32], p[32];

		if (strcmp(r->id, r0->id))
			continue;
		out_format(r->unit, r->fig, r->met, r->threshold_x100, v);
		out_format(r->unit, r->year_before, YG_NA, -1, p);
		next = yg_asprintf("%s%*s%-24.24s %-10s %s\n", text, 2 * r->depth, "",
			r->org_name, v, p);
		free(text);
		text = next;
	}
	ui_help(outcome_name(r0), text ? text : "");
	free(text);
	outcomes_free(&all);
}

static void draw_overview(struct dashboard *db, int y, int rows)
{
	const struct dash_unit *top = unit_in(db, db->period, NULL);
	struct cols c;
	char from[8], to[8];

	layout(&c, 20);
	yg_period_format(yg_period_add(db->period, -(TREND - 1)), from);
	yg_period_format(db->period, to);
	ui_put(y, c.name, c.fig - c.name, ui_attr(UI_S_TITLE), 0, _(" Target"));
	ui_put(y, c.fig, 12, ui_attr(UI_S_TITLE), 0, _("This month"));
	ui_put(y, c.count, 9, ui_attr(UI_S_TITLE), 0, _("inst met"));
	ui_putf(y, c.trend, TREND, ui_attr(UI_S_TITLE), 0, "%s", _("12 months"));
	y++;
	rows--;
	if (db->sel < db->top)
		db->top = db->sel;
	if (rows > 0 && db->sel >= db->top + (size_t)rows)
		db->top = db->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && db->top + (size_t)r < overview_rows_of(db); r++) {
		size_t i = db->top + (size_t)r;
		bool sel = i == db->sel;
		attr_t a = sel ? ui_attr(UI_S_SELECT) : A_NORMAL;
		char *tr, *fg = NULL, *cnt = NULL;
		enum ui_style vs = UI_S_DIM;
		const char *vd = "";

		if (sel) {
			attrset(a);
			mvhline(y + r, 0, ' ', COLS);
			attrset(A_NORMAL);
		}
		if (i == DASH_NTARGETS + 2) {
			ui_putf(y + r, 0, c.fig - 1, sel ? a : ui_attr(UI_S_TITLE), 0, "%s%s",
				sel ? ">" : " ", _("Outcomes"));
			ui_put(y + r, c.fig, 12, ui_attr(UI_S_TITLE), 0, _("This month"));
			ui_put(y + r, c.count, 9, ui_attr(UI_S_TITLE), 0, _("Year ago"));
			continue;
		}
		if (i > DASH_NTARGETS + 2) {
			draw_outcome(db, y + r, i - DASH_NTARGETS - 3, sel, a, &c);
			continue;
		}
		if (i < DASH_NTARGETS) {
			int t = (int)i;

			ui_putf(y + r, 0, c.fig - 1, a, 0, "%s%-4s%s", sel ? ">" : " ",
				dash_targets[t].id, YG_L(dash_targets[t].zh, dash_targets[t].en));
			if (top) {
				fg = dash_figure_text(top, t);
				cnt = met_count(top, t);
				vd = verdict(top->fig[t].met, &vs);
			}
			tr = trend(db, NULL, t);
		} else {
			bool comp = i == DASH_NTARGETS;
			struct month *m = month_of(db, db->period);
			int v = comp ? m->completeness : m->timeliness;

			ui_putf(y + r, 0, c.fig - 1, a, 0, "%s    %s", sel ? ">" : " ",
				comp ? _("Completeness") :
				_("Timeliness"));
			fg = v < 0 ? yg_strdup("-") : yg_asprintf("%d.%d%%", v / 10, v % 10);
			tr = trend(db, NULL, comp ? -1 : -2);
		}
		ui_put(y + r, c.fig, c.verdict - c.fig - 1, a, 0, fg ? fg : "");
		ui_put(y + r, c.verdict, c.count - c.verdict - 1, sel ? a : ui_attr(vs), 0, vd);
		ui_put(y + r, c.count, c.trend - c.count - 1, a, 0, cnt ? cnt : "");
		ui_put(y + r, c.trend, TREND, a, 0, tr ? tr : "");
		free(fg);
		free(cnt);
		free(tr);
	}
}

/*
 * The rows of a target opened on unit o: o, then below it everything from a
 * county down (communities, institutions), or only the units directly
 * below a prefecture or province, each opened in turn by Enter.
 */
static void detail_rows(struct dashboard *db, const struct dash *d)
{
	size_t o = 0;

	db->nview = 0;
	free(db->view);
	if (!(db->view = calloc(d->n ? d->n : 1, sizeof *db->view)) || d->n == 0)
		return;
	for (size_t i = 0; db->open_code && i < d->n; i++)
		if (!strcmp(d->u[i].code, db->open_code))
			o = i;
	db->view[db->nview++] = o;
	for (size_t i = o + 1; i < d->n && d->u[i].depth > d->u[o].depth; i++)
		if ((d->u[o].kind != YG_KIND_PREFECTURE && d->u[o].kind != YG_KIND_PROVINCE) ||
		    d->u[i].parent_id == d->u[o].id)
			db->view[db->nview++] = i;
}

/* Enter on a row below the unit opened: opens it when it is a level. */
static void detail_open(struct dashboard *db)
{
	const struct dash *d = &month_of(db, db->period)->d;
	const struct dash_unit *u;

	if (db->sel == 0 || db->sel >= db->nview)
		return;
	u = &d->u[db->view[db->sel]];
	/* From a county down every unit is already a row. */
	if (!yg_kind_is_level(u->kind) || (d->u[db->view[0]].kind != YG_KIND_PREFECTURE &&
	    d->u[db->view[0]].kind != YG_KIND_PROVINCE))
		return;
	free(db->open_code);
	db->open_code = yg_strdup(u->code);
	db->sel = db->top = 0;
}

/* Esc on a unit opened below the top: back up to its parent. */
static bool detail_up(struct dashboard *db)
{
	const struct dash *d = &month_of(db, db->period)->d;
	const struct dash_unit *o = db->nview ? &d->u[db->view[0]] : NULL;
	const struct dash_unit *p = NULL;

	char *up = NULL;

	if (!db->open_code || !o)
		return false;
	for (size_t i = 0; i < d->n && !p; i++)
		if (d->u[i].id == o->parent_id)
			p = &d->u[i];
	if (p && p->depth > 0) {
		up = yg_strdup(p->code);
	} else if (!p && d->n && o->parent_id != d->u[0].id) {
		/* Not held (the month holds the unit opened and its rows): the
		 * parent's code from the tree. */
		struct yg_org org = { 0 };

		if (yg_org_get_id(ui_db(), o->parent_id, &org) == YG_OK)
			up = yg_strdup(org.code);
		yg_org_clear(&org);
	}
	free(db->open_code);
	db->open_code = up;
	db->sel = db->top = 0;
	return true;
}

static void draw_detail(struct dashboard *db, int y, int rows)
{
	struct month *m = month_of(db, db->period);
	int t = db->target;
	struct cols c;

	layout(&c, 24);
	ui_putf(y, 1, COLS - 2, ui_attr(UI_S_TITLE), 0, "%s %s", dash_targets[t].id,
		YG_L(dash_targets[t].zh, dash_targets[t].en));
	y++;
	rows--;
	ui_put(y, c.name, c.fig - c.name, ui_attr(UI_S_TITLE), 0, _(" Unit"));
	ui_put(y, c.fig, 12, ui_attr(UI_S_TITLE), 0, _("This month"));
	ui_put(y, c.count, 9, ui_attr(UI_S_TITLE), 0, _("inst met"));
	ui_put(y, c.trend, TREND, ui_attr(UI_S_TITLE), 0, _("12 months"));
	y++;
	rows--;
	if (!m->ok || m->d.n == 0) {
		ui_put(y, 2, COLS - 4, ui_attr(UI_S_DIM), 0, _("No data"));
		return;
	}
	detail_rows(db, &m->d);
	if (db->nview == 0)
		return;
	if (db->sel >= db->nview)
		db->sel = db->nview - 1;
	if (db->sel < db->top)
		db->top = db->sel;
	if (rows > 0 && db->sel >= db->top + (size_t)rows)
		db->top = db->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && db->top + (size_t)r < db->nview; r++) {
		size_t i = db->top + (size_t)r;
		/* The month's own units; trend() may recompute other months. */
		const struct dash_unit *u = &month_of(db, db->period)->d.u[db->view[i]];
		char *code = yg_strdup(u->code), *fg = dash_figure_text(u, t), *cnt = met_count(u, t), *tr;
		bool sel = i == db->sel;
		attr_t a = sel ? ui_attr(UI_S_SELECT) : u->aggregate ? ui_attr(UI_S_TITLE) :
			A_NORMAL;
		enum ui_style vs;
		const char *vd = verdict(u->fig[t].met, &vs);
		int ind = 1 + 2 * (u->depth - month_of(db, db->period)->d.u[db->view[0]].depth);

		if (sel) {
			attrset(a);
			mvhline(y + r, 0, ' ', COLS);
			attrset(A_NORMAL);
		}
		ui_put(y + r, 0, 1, a, 0, sel ? ">" : " ");
		ui_put(y + r, ind, c.fig - ind - 1, a, 0, u->name);
		ui_put(y + r, c.fig, c.verdict - c.fig - 1, a, 0, fg ? fg : "");
		ui_put(y + r, c.verdict, c.count - c.verdict - 1, sel ? a : ui_attr(vs), 0, vd);
		ui_put(y + r, c.count, c.trend - c.count - 1, a, 0, cnt ? cnt : "");
		tr = trend(db, code, t);
		ui_put(y + r, c.trend, TREND, a, 0, tr ? tr : "");
		free(code);
		free(fg);
		free(cnt);
		free(tr);
	}
}

static void dashboard_draw(struct ui_screen *s)
{
	struct dashboard *db = (struct dashboard *)s;
	const struct dash_unit *top = unit_in(db, db->period, NULL);
	int y = ui_body_top();
	char per[8], *title;

	yg_period_format(db->period, per);
	title = yg_asprintf("%s %s", _("Targets"), per);
	ui_draw_header(title);
	free(title);
	ui_putf(y, 1, COLS - 2, ui_attr(UI_S_TITLE), 0, "%s %s | %s", _("Targets"),
		per, top ? top->name : "");
	if (db->target < 0)
		draw_overview(db, y + 1, ui_body_rows() - 1);
	else
		draw_detail(db, y + 1, ui_body_rows() - 1);
	ui_draw_keys(s);
}

static void show_rates(struct dashboard *db)
{
	char *text = yg_strdup(_("Month     Complete  On time\n"));

	for (int i = 0; text && i < TREND; i++) {
		struct month *m = month_of(db, yg_period_add(db->period, -i));
		char per[8], *next;

		yg_period_format(m->period, per);
		if (m->completeness < 0)
			next = yg_asprintf("%s%s   -\n", text, per);
		else
			next = yg_asprintf("%s%s   %3d.%d%%    %3d.%d%%\n", text, per,
				m->completeness / 10, m->completeness % 10,
				m->timeliness / 10, m->timeliness % 10);
		free(text);
		text = next;
	}
	ui_help(_("Completeness and timeliness"), text ? text : "");
	free(text);
}

/* T18's ceiling: the county's GDP growth, one decimal ("5.2"), set by an
 * admin (the core refuses anyone else and says so). */
static void gdp_edit(struct dashboard *db)
{
	int cur = yg_setting_get_int(ui_db(), YG_SET_GDP_GROWTH, INT32_MIN);
	int64_t x100;
	char *text, *answer;
	bool neg;

	if (cur == INT32_MIN)
		cur = (int)yg_threshold(ui_db(), "T18", YG_TIER_NONE, 5) * 10;
	text = yg_asprintf("%s%d.%d", cur < 0 ? "-" : "", abs(cur) / 10, abs(cur) % 10);
	answer = ui_prompt(_("GDP growth"),
		_("The county's GDP growth (%, one decimal), T18's ceiling for revenue growth:"),
		text ? text : "", true);
	free(text);
	if (!answer || ui_quitting()) {
		free(answer);
		return;
	}
	neg = answer[0] == '-';
	if (yg_parse_fen(answer + neg, INT64_C(100000), &x100) != YG_OK || x100 % 10) {
		ui_alert(_("Not saved"),
			_("Give a percentage with one decimal, like 5.2"));
	} else if (yg_setting_set_int(ui_db(), YG_SET_GDP_GROWTH,
	    (int)(neg ? -x100 / 10 : x100 / 10)) != YG_OK) {
		ui_flash_error();
		ui_alert(_("Not saved"), yg_errmsg());
	} else {
		ui_flash(UI_MSG_OK, _("GDP growth set to %s%%"), answer);
		if (db->out_ok)
			outcomes_free(&db->out);
		db->out_ok = false;
	}
	free(answer);
}

/* F1 on a target: what it asks in the seed's own words, where the seed says
 * it, how the figure is computed and the thresholds in force; then the
 * screen's own help. */
static void target_help(struct dashboard *db, const struct dash_target *dt)
{
	char *keys = ui_keys_help(&db->base);
	const struct forms_target_help *h = forms_target_help_find(dt->id);
	const struct yg_rule *rule = forms_rule_find(dt->id);
	struct yg_target *v = NULL;
	size_t n = 0;
	char *text, *rows = yg_strdup("");

	if (yg_target_list(ui_db(), dt->id, &v, &n) != YG_OK)
		n = 0;
	for (size_t i = 0; rows && i < n; i++) {
		char from[8] = "", to[8] = "";
		char *next;

		if (v[i].from)
			yg_period_format(v[i].from, from);
		if (v[i].to)
			yg_period_format(v[i].to, to);
		next = yg_asprintf("%s  %s %s %lld %s  %s..%s\n", rows, v[i].id,
			v[i].tier ? yg_tier_label(v[i].tier) : "", (long long)v[i].threshold,
			v[i].unit ? v[i].unit : "", *from ? from : _("always"), to);
		free(rows);
		rows = next;
	}
	yg_target_list_free(v, n);
	text = yg_asprintf("%s %s\n\n%s %s\n  %s\n\n%s\n  %s\n\n%s %s\n\n%s\n%s\n%s",
		dt->id, rule ? YG_L(rule->zh, rule->en) : "",
		_("Source:"), h ? h->file : "", h ? YG_L(h->where_zh, h->where_en) : "",
		_("The seed's words:"), h ? h->quote : "",
		_("Computed:"), h ? YG_L(h->how_zh, h->how_en) : "",
		_("Thresholds (from..to):"), rows ? rows : "",
		keys ? keys : "");
	free(keys);
	ui_help(dt->id, text ? text : "");
	free(text);
	free(rows);
}

/*
 * The month's bulletin for the scope's top unit, written into the user's
 * home directory ($HOME; under setgid the environment is rebuilt without
 * it, and the login's own from the password database serves), and where it
 * went said on the screen.
 */
static void write_bulletin(struct dashboard *db)
{
	char *home;
	struct bulletin b;
	char per[8], *path = NULL, *err = NULL;
	int rc;

	ui_put(LINES - 2, 0, COLS, ui_attr(UI_S_WARN), UI_PAD,
		_(" Writing the monthly bulletin ..."));
	refresh();
	if ((rc = bulletin_build(ui_db(), db->period, NULL, &b)) != YG_OK) {
		ui_flash_error();
		return;
	}
	yg_period_format(db->period, per);
	home = ui_output_dir();
	path = yg_asprintf("%s/bulletin-%s-%s.pdf", home ? home : ".", b.top_code, per);
	free(home);
	if (!path)
		ui_flash(UI_MSG_ERROR, "%s", _("out of memory"));
	else if (bulletin_pdf_save(&b, path, &err) != 0)
		ui_flash(UI_MSG_ERROR, _("the bulletin was not written: %s"),
			err ? err : "");
	else
		ui_flash(UI_MSG_INFO, _("Bulletin written: %s"), path);
	free(err);
	free(path);
	bulletin_free(&b);
}

static int dashboard_key(struct ui_screen *s, const struct ui_key *k)
{
	struct dashboard *db = (struct dashboard *)s;
	size_t n = db->target < 0 ? overview_rows_of(db) : db->nview;
	int page = ui_body_rows() - 3 > 1 ? ui_body_rows() - 3 : 1;

	if (ui_list_move(&db->sel, n, k->act, (size_t)page))
		return UI_HANDLED;
	switch (k->act) {
	case UI_A_PREV_MONTH:
	case UI_A_NEXT_MONTH:
		db->period = yg_period_add(db->period, k->act == UI_A_PREV_MONTH ? -1 : 1);
		return UI_HANDLED;
	case UI_A_REFRESH:
		drop_cache(db);
		if (db->out_ok)
			outcomes_free(&db->out);
		db->out_ok = false;
		return UI_HANDLED;
	case A_BLOCKS:
		db->blocks = !db->blocks;
		ui_flash(UI_MSG_INFO, "%s", db->blocks ?
			_("Chart: block characters (the terminal must draw them narrow)") :
			_("Chart: ASCII"));
		return UI_HANDLED;
	case A_GDP:
		gdp_edit(db);
		return UI_HANDLED;
	case A_BULLETIN:
		write_bulletin(db);
		return UI_HANDLED;
	case UI_A_ENTER:
		if (db->target >= 0) {
			detail_open(db);
			return UI_HANDLED;
		}
		if (db->sel < DASH_NTARGETS) {
			db->target = (int)db->sel;
			db->sel = db->top = 0;
		} else if (db->sel < DASH_NTARGETS + 2) {
			show_rates(db);
		} else if (db->sel > DASH_NTARGETS + 2) {
			show_outcome(db, db->sel - DASH_NTARGETS - 3);
		}
		return UI_HANDLED;
	case UI_A_HELP:
		if (db->target >= 0) {
			target_help(db, &dash_targets[db->target]);
			return UI_HANDLED;
		}
		if (db->sel < DASH_NTARGETS) {
			target_help(db, &dash_targets[db->sel]);
			return UI_HANDLED;
		}
		return UI_UNHANDLED;
	case UI_A_BACK:
		if (db->target >= 0 && detail_up(db))
			return UI_HANDLED;
		if (db->target >= 0) {
			db->sel = (size_t)db->target;
			db->target = -1;
			db->top = 0;
			return UI_HANDLED;
		}
		return UI_UNHANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void dashboard_leave(struct ui_screen *s)
{
	struct dashboard *db = (struct dashboard *)s;

	drop_cache(db);
	if (db->out_ok)
		outcomes_free(&db->out);
	free(db->open_code);
	free(db->view);
	free(db);
}

static void dashboard_keys(struct ui_screen *s, ui_keys_use *use, void *ctx)
{
	const struct dashboard *db = (const struct dashboard *)s;
	/* One target opened by institution, or the overview of them all. */
	bool one = db->target >= 0;
	const struct ui_keydef t[] = {
		{ "Enter", _("open"),
		  _("open the target by community and institution; "
		  "on the rates:\nmonth by month; on an outcome: every unit's figure"),
		  .act = UI_A_ENTER, .quiet = one },
		{ _("Up/Down PgDn"), _("scroll"), .act = UI_A_DOWN,
		  .quiet = !one },
		{ "[ ]", _("month"), _("previous / next month"),
		  .act = UI_A_PREV_MONTH },
		{ "b", _("chart"), _("chart: ASCII / blocks"),
		  .act = A_BLOCKS, .ch = 'b' },
		{ "g", "GDP",
		  _("the county's GDP growth (T18's ceiling; admin)"), .act = A_GDP, .ch = 'g' },
		{ "p", _("bulletin PDF"),
		  _("write the month's bulletin (A4 PDF, approved returns only)\ninto your home directory"),
		  .act = A_BULLETIN, .ch = 'p' },
		{ "F5", _("refresh"), _("compute again"), .act = UI_A_REFRESH,
		  .quiet = one },
		{ "?", _("help"), .act = UI_A_HELP },
		{ "Esc", one ? C_("ui-dashboard", "targets") : _("back"), _("back"),
		  .act = UI_A_BACK },
	};

	UI_KEYS(use, ctx, t);
}

static const struct ui_screen_ops dashboard_ops = {
	.name = "dashboard",
	.draw = dashboard_draw,
	.key = dashboard_key,
	.leave = dashboard_leave,
	.keys = dashboard_keys,
	.min_cols = 64,
	.help_zh =
		"目标看板\n"
		"\n"
		"每个目标: 本月全辖区 (县或医共体) 的数值, 达标与否, 达标机构数, 近 12 个月趋势。\n"
		"数值只来自已提交和已通过的报表 (T4, T5 来自派驻名册)。\n"
		"比例目标 (T6-T11, T13): 各机构分子之和 / 分母之和, 与按分母加权的标准比较;\n"
		"计数目标 (T1 T2 T3 T5 T12): k/n = n 个有结论的机构中 k 个达标。\n"
		"分母为 0 为 \"不适用\", 不计达标也不计未达标。\n"
		"\n"
		"趋势图每个字符一个月, 高低为比例 (或达标机构占比):\n"
		"  . : - = + * # % @   由低到高; 空白为该月无数据。\n"
		"方块字符 (b 切换, 或设置环境变量 YIGONG_BLOCKS=1) 在把 \"宽度不明确\" 字符\n"
		"显示为双宽的中文终端上会错位, 所以默认用 ASCII。\n"
		"\n"
		"医共体成效 (DESIGN §3.5): 基层就诊率、乡村诊疗量占比、县域内住院率、县域内基金\n"
		"支出比例、基层医保基金占比、电子建档率、规范管理率、履约率、次均费用、药占比、\n"
		"医疗费用增长率, 及目标 T14-T18; 每行: 本月, 结论, 去年同月, 12 个月趋势\n"
		"(比例按 0-100%, 金额与增长率按 12 个月内最低到最高)。T17 未达标时显示所在\n"
		"区间: 分担 (5%-10%, 市县 1:9) 或 自担 (超过 10%)。\n"
		"\n",
	.help_en =
		/* xgettext:no-c-format */ N_("Targets dashboard\n"
		"\n"
		"Each target: the month's figure for the whole scope (county or community),\n"
		"met or missed, institutions that met it, and a twelve-month trend.\n"
		"Figures come only from submitted and approved returns (T4 and T5 from the\n"
		"postings roster).  Ratio targets (T6-T11, T13): sum of numerators over sum\n"
		"of denominators against the denominator-weighted threshold.  Count targets\n"
		"(T1 T2 T3 T5 T12): k/n = k of the n institutions with a verdict met it.\n"
		"A denominator of 0 is not applicable: neither met nor missed.\n"
		"\n"
		"Trend: one character a month, low to high  . : - = + * # % @ ;\n"
		"blank: no figure that month.  Block characters (b, or YIGONG_BLOCKS=1)\n"
		"break rows on terminals that draw ambiguous-width characters wide, so\n"
		"ASCII is the default.\n"
		"\n"
		"Outcomes (DESIGN 3.5): primary-care and township visit shares, admissions\n"
		"and fund spent in the county, the fund's primary share, health records,\n"
		"managed hypertension and diabetes, signed residents served, revenue per\n"
		"visit and discharge, drug share, revenue growth, and targets T14-T18: the\n"
		"month, the verdict, the same month a year before, and twelve months (shares\n"
		"on 0-100 %, money and growth from the lowest to the highest month).  A\n"
		"missed T17 names its band: shared (5-10 %, 1:9) or own (above 10 %).\n"
		"\n"),
};

void ui_dashboard_open(yg_period period)
{
	struct dashboard *db = calloc(1, sizeof *db);
	const char *b = getenv("YIGONG_BLOCKS");

	if (!db)
		return;
	db->base.ops = &dashboard_ops;
	db->period = period;
	db->target = -1;
	db->blocks = b && !strcmp(b, "1");
	db->stored = yg_memo_writable(ui_db());
	/* Months not stored yet are computed on the first paint (a province's
	 * take seconds): say so on the screen still showing. */
	ui_put(LINES - 2, 0, COLS, ui_attr(UI_S_WARN), UI_PAD, _(" Computing the targets ..."));
	refresh();
	ui_push(&db->base);
}
