/*
 * ui-review.c — the reviewer's home: every institution in scope against
 * every monthly form for one month, where each return stands, which are
 * late or missing, how many errors and warnings their last check found, and
 * the month's totals (counted by statusfmt.c, like `yigong status`).
 *
 * Above the county (DESIGN §1) the rows are the level's own units: at a
 * prefecture its counties, at a province its prefectures, each cell the
 * returns received of those expected below it; Enter opens the same grid
 * for that unit, down to the county's institutions.
 *
 * Marks (ASCII, so that a Chinese SSH client drawing ambiguous characters
 * wide cannot break the columns; colour is only a second cue):
 *	-  not started    ~  draft       >  submitted (to review)
 *	<  returned       +  approved    o  reopened
 *	!  after the state: received late    ?  not received, due date passed
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dashboard.h"
#include "statusfmt.h"
#include "ui-decide.h"
#include "ui-review.h"
#include "ui-screen.h"
#include "ui-screens.h"

#define RV_MAX_FORMS 8

enum {
	A_APPROVE = UI_A_SCREEN,
	A_RETURN,
	A_REOPEN,
	A_APPROVE_ALL,
	A_COMMUNITY,
	A_DASHBOARD,
	A_EXPORT,
	A_USERS,
	A_ORGS,
};

struct rv_row {
	int64_t org_id, community;
	char *code, *name;
	struct yg_status *cell[RV_MAX_FORMS]; /* borrowed from the list; NULL: not filed */
	/* A level's row (a county at a prefecture): what its institutions'
	 * lines add up to, by form (status_sums); its cells are NULL. */
	struct status_sum *sums;
	size_t nsums;
	bool group;
	char *missed;                         /* targets missed this month: "T6 T8" */
};

struct rv_comm {
	int64_t id;
	char *name;
};

struct review {
	struct ui_screen base;
	yg_period period;
	struct yg_status *st;
	size_t nst;
	const struct yg_form *forms[RV_MAX_FORMS];
	size_t nforms;
	struct rv_row *rows;
	size_t nrows;
	size_t *view;                /* rows shown (community filter) */
	size_t nview, sel, col, top;
	struct rv_comm *comms;
	size_t ncomms;
	int comm;                    /* -1 all; else an index into comms */
	bool admin;
	/* The unit whose grid this is: the actor's scope, or a unit below it
	 * Enter opened.  Above the county its rows are the units below it. */
	int64_t top_id;
	char *top_name;
	bool grouped, drilled;
};

static void review_open_at(int64_t top, yg_period period);

/* ---------------------------------------------------------------------------
 * The grid
 */

static void clear_rows(struct review *rv)
{
	for (size_t i = 0; i < rv->nrows; i++) {
		free(rv->rows[i].code);
		free(rv->rows[i].name);
		free(rv->rows[i].missed);
		free(rv->rows[i].sums);
	}
	free(rv->rows);
	free(rv->view);
	rv->rows = NULL;
	rv->view = NULL;
	rv->nrows = rv->nview = 0;
	yg_status_list_free(rv->st, rv->nst);
	rv->st = NULL;
	rv->nst = 0;
}

static void rebuild_view(struct review *rv)
{
	rv->nview = 0;
	for (size_t i = 0; i < rv->nrows; i++)
		if (rv->comm < 0 || rv->rows[i].community == rv->comms[rv->comm].id)
			rv->view[rv->nview++] = i;
	if (rv->sel >= rv->nview)
		rv->sel = rv->nview ? rv->nview - 1 : 0;
}

/* Which targets each row missed in its submitted and approved returns
 * (forms/dashboard.c, as the dashboard counts them).  At the root each
 * row's stored figures (dash_unit_get), not the dashboard of the whole
 * scope; below it nothing is stored and each unit's figures would be the
 * scope's dashboard computed again, so it is computed once. */
static void missed_targets(struct review *rv)
{
	struct dash d = { 0 };
	bool once = !yg_memo_writable(ui_db());

	if (once && dash_compute(ui_db(), rv->period, &d) != YG_OK)
		return; /* the grid stands without them */
	for (size_t i = 0; i < rv->nrows; i++) {
		struct dash_unit got = { 0 };
		const struct dash_unit *u = NULL;
		bool found = false;
		char *s = NULL, *t;

		if (once)
			u = dash_unit_find(&d, rv->rows[i].code);
		else if (dash_unit_get(ui_db(), rv->period, DASH_RECEIVED, rv->rows[i].org_id,
		    &got, &found) != YG_OK)
			break; /* the grid stands without them */
		else if (found)
			u = &got;
		for (int k = 0; u && k < DASH_NTARGETS; k++) {
			if (u->fig[k].met != YG_MISSED)
				continue;
			t = yg_asprintf("%s%s%s", s ? s : "", s ? " " : "", dash_targets[k].id);
			free(s);
			s = t;
		}
		free(got.code);
		free(got.name);
		rv->rows[i].missed = s;
	}
	if (once)
		dash_free(&d);
}

/* Appends the lines of the institutions at or below unit to the list. */
static int list_below(struct review *rv, int64_t unit)
{
	struct yg_status *v = NULL, *all;
	size_t n = 0;

	if (yg_status_list_below(ui_db(), rv->period, unit, &v, &n) != YG_OK)
		return -1;
	if (!rv->st) {
		rv->st = v;
		rv->nst = n;
		return 0;
	}
	if (!(all = realloc(rv->st, (rv->nst + n + 1) * sizeof *all))) {
		yg_status_list_free(v, n);
		return -1;
	}
	memcpy(all + rv->nst, v, n * sizeof *v); /* the texts move with them */
	free(v);
	rv->st = all;
	rv->nst += n;
	return 0;
}

/* The rows of the institutions whose lines are in the list (tree order,
 * one line per unit and form), from line first on. */
static void institution_rows(struct review *rv, size_t first)
{
	for (size_t i = first; i < rv->nst; i++) {
		struct yg_status *st = &rv->st[i];
		struct rv_row *r = rv->nrows ? &rv->rows[rv->nrows - 1] : NULL;

		if (!r || r->group || r->org_id != st->org_id) {
			r = &rv->rows[rv->nrows++];
			r->org_id = st->org_id;
			r->code = yg_strdup(st->org_code);
			r->name = yg_strdup(st->org_name);
			r->community = yg_org_community(ui_db(), st->org_id);
		}
		for (size_t f = 0; f < rv->nforms; f++)
			if (rv->forms[f] == st->form)
				r->cell[f] = st;
	}
}

/* Above the county: a row for each unit below top with returns expected
 * in the month, its cells added up below it (stored per month, so that a
 * province reads ten lines, not its institutions' thousands); an
 * institution directly below top (a provincial hospital) has its own. */
static int load_units(struct review *rv)
{
	struct yg_org *u = NULL;
	size_t n = 0;
	int rc = 0;

	if (yg_status_units(ui_db(), rv->period, rv->top_id, &u, &n) != YG_OK)
		return -1;
	rv->rows = calloc(n ? n : 1, sizeof *rv->rows);
	rv->view = calloc(n ? n : 1, sizeof *rv->view);
	if (!rv->rows || !rv->view)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct status_sum *sums = NULL;
		size_t nsums = 0, first = rv->nst;
		struct rv_row *r;

		if (yg_kind_is_institution(u[i].kind)) {
			if ((rc = list_below(rv, u[i].id)) == 0)
				institution_rows(rv, first);
			continue;
		}
		if (status_sums(ui_db(), rv->period, u[i].id, &sums, &nsums) != YG_OK) {
			rc = -1;
			break;
		}
		if (!nsums)
			continue; /* nothing expected below it this month */
		r = &rv->rows[rv->nrows++];
		r->org_id = u[i].id;
		r->code = u[i].code;
		r->name = u[i].name;
		u[i].code = u[i].name = NULL;
		r->group = true;
		r->sums = sums;
		r->nsums = nsums;
	}
	yg_org_list_free(u, n);
	/* The lines moved when the list grew: the cells point again. */
	for (size_t i = 0, k = 0; rc == 0 && i < rv->nst; i++) {
		while (k < rv->nrows && (rv->rows[k].group || rv->rows[k].org_id != rv->st[i].org_id))
			k++;
		for (size_t f = 0; k < rv->nrows && f < rv->nforms; f++)
			if (rv->forms[f] == rv->st[i].form)
				rv->rows[k].cell[f] = &rv->st[i];
	}
	return rc;
}

static void load(struct review *rv)
{
	clear_rows(rv);
	rv->nforms = 0;
	for (size_t i = 0; i < yg_form_count() && rv->nforms < RV_MAX_FORMS; i++)
		if (!yg_form_at(i)->is_record && yg_form_at(i)->kinds)
			rv->forms[rv->nforms++] = yg_form_at(i);
	if (rv->grouped) {
		if (load_units(rv) != 0) {
			ui_flash_error();
			return;
		}
	} else {
		/* From the county down: the institutions of the unit in view
		 * only, not the whole scope's. */
		if (list_below(rv, rv->top_id) != 0) {
			ui_flash_error();
			return;
		}
		rv->rows = calloc(rv->nst ? rv->nst : 1, sizeof *rv->rows);
		rv->view = calloc(rv->nst ? rv->nst : 1, sizeof *rv->view);
		if (!rv->rows || !rv->view)
			return;
		institution_rows(rv, 0);
	}
	missed_targets(rv);
	rebuild_view(rv);
}

static bool shown_form(const struct review *rv, const struct yg_form *form)
{
	for (size_t f = 0; f < rv->nforms; f++)
		if (rv->forms[f] == form)
			return true;
	return false;
}

/* A level's cell text in w columns: received/expected ("18/20"); when that
 * does not fit (a province's "1987/2000"), the share received, cut down so
 * that 100% is shown only when every return is in, and the numbers on the
 * line below the grid (draw_current). */
static const char *received_text(const struct status_totals *g, int w, char *buf, size_t n)
{
	int len = snprintf(buf, n, "%zu/%zu", g->received, g->expected);

	if (len >= 0 && len <= w)
		return buf;
	snprintf(buf, n, "%zu%%", g->received * 100 / g->expected);
	return buf;
}

/* A level's cell: the returns received of those expected below it, for
 * one form; its style says whether any is missing, or all are approved. */
static void group_cell(const struct review *rv, const struct rv_row *r, size_t f,
	struct status_totals *t, int *errors, int *warnings)
{
	*t = (struct status_totals){ 0 };
	for (size_t k = 0; k < r->nsums; k++)
		if (r->sums[k].form == rv->forms[f]) {
			*t = r->sums[k].t;
			*errors += (int)r->sums[k].errors;
			*warnings += (int)r->sums[k].warnings;
		}
}

/* The statuses of the rows shown, for the totals. */
static void shown_totals(const struct review *rv, struct status_totals *t)
{
	struct yg_status *v = calloc(rv->nst ? rv->nst : 1, sizeof *v);
	size_t n = 0;

	*t = (struct status_totals){ 0 };
	if (!v)
		return;
	for (size_t i = 0; i < rv->nview; i++) {
		const struct rv_row *r = &rv->rows[rv->view[i]];

		for (size_t f = 0; f < rv->nforms; f++)
			if (r->cell[f])
				v[n++] = *r->cell[f]; /* shallow: read only */
	}
	status_totals(v, n, t);
	free(v);
	for (size_t i = 0; i < rv->nview; i++) {
		const struct rv_row *r = &rv->rows[rv->view[i]];

		for (size_t k = 0; k < r->nsums; k++)
			if (shown_form(rv, r->sums[k].form))
				status_totals_add(t, &r->sums[k].t);
	}
}

static const struct yg_status *current(const struct review *rv)
{
	if (rv->nview == 0 || rv->col >= rv->nforms)
		return NULL;
	return rv->rows[rv->view[rv->sel]].cell[rv->col];
}

static enum ui_style cell_style(const struct yg_status *c)
{
	if (status_timeliness(c) == ST_MISSING)
		return UI_S_ERROR;
	switch (c->state) {
	case YG_ST_APPROVED: return UI_S_OK;
	case YG_ST_SUBMITTED: return UI_S_TITLE;
	case YG_ST_RETURNED: return UI_S_WARN;
	default: return UI_S_NORMAL;
	}
}

static char *pct_text(int tenths)
{
	if (tenths < 0)
		return yg_strdup("-");
	return yg_asprintf("%d.%d%%", tenths / 10, tenths % 10);
}

/* One line about the cell chosen: form, state, when, findings, comment. */
static void draw_current(const struct review *rv, int y)
{
	const struct yg_status *c = current(rv);
	char *when = NULL;

	if (!c) {
		const struct rv_row *row = rv->nview ? &rv->rows[rv->view[rv->sel]] : NULL;
		struct status_totals g = { 0 };
		int errors = 0, warnings = 0;

		if (row && row->group && rv->col < rv->nforms) {
			/* The cell's numbers in full: a province's do not fit it. */
			group_cell(rv, row, rv->col, &g, &errors, &warnings);
			ui_putf(y, 1, COLS - 2, ui_attr(UI_S_DIM), 0, "%s | %s %zu/%zu | %s",
				row->name, YG_L(rv->forms[rv->col]->zh, rv->forms[rv->col]->en),
				g.received, g.expected, _("Enter opens the units below it"));
		} else if (row) {
			ui_putf(y, 1, COLS - 2, ui_attr(UI_S_DIM), 0, "%s | %s", row->name,
				row->group ? _("Enter opens the units below it") :
				_("does not file it"));
		}
		return;
	}
	if (c->submitted_at)
		when = yg_asprintf(" | %s %.10s", _("first in"), c->submitted_at);
	ui_putf(y, 1, COLS - 2, ui_attr(UI_S_DIM), 0, "%s | %s | %s%s%s%s", c->org_name,
		YG_L(c->form->zh, c->form->en), yg_state_label(c->state), when ? when : "",
		c->comment && *c->comment && (c->state == YG_ST_RETURNED ||
		c->state == YG_ST_REOPENED) ? " | " : "", c->comment && *c->comment &&
		(c->state == YG_ST_RETURNED || c->state == YG_ST_REOPENED) ? c->comment : "");
	free(when);
}

static void review_draw(struct ui_screen *s)
{
	struct review *rv = (struct review *)s;
	int y = ui_body_top(), rows, cw = 8, notes = 12, nw, x;
	yg_date due = yg_due_date(ui_db(), rv->period);
	long days = (long)yg_date_today() - (long)due;
	struct status_totals t;
	char per[8], dd[11], *title, *comp, *time_;

	yg_period_format(rv->period, per);
	yg_date_format(due, dd);
	title = yg_asprintf("%s %s", _("Review"), per);
	ui_draw_header(title);
	free(title);
	x = ui_putf(y, 1, COLS - 2, ui_attr(UI_S_TITLE), 0, "%s %s | %s",
		_("Review"), per, rv->comm >= 0 ? rv->comms[rv->comm].name : rv->grouped ||
		rv->drilled ? rv->top_name : _("all")) + 1;
	x += ui_putf(y, x, COLS - x, A_NORMAL, 0, " (%zu %s) | %s %s", rv->nview,
		rv->grouped ? C_("ui-review", "units") : _("units"), _("due"), dd);
	if (days > 0)
		x += ui_putf(y, x, COLS - x, ui_attr(UI_S_WARN), 0, _(" %ld days ago"), days);
	if (rv->admin) {
		const char *hint = _("i units  u users");
		int w = ui_width(hint);

		if (x + w + 2 < COLS)
			ui_put(y, COLS - w - 1, w, ui_attr(UI_S_KEY), 0, hint);
	}
	y++;
	if (COLS < 70)
		notes = 0;
	nw = COLS - 1 - (int)rv->nforms * cw - notes;
	/* Narrower cells before names too short to tell institutions apart
	 * (seven forms since 0.2). */
	if (nw < 20) {
		cw = 7;
		nw = COLS - 1 - (int)rv->nforms * cw - notes;
	}
	ui_put(y, 1, nw, ui_attr(UI_S_TITLE), 0, rv->grouped ?
		_("Unit (in/due)") : _("Institution"));
	for (size_t f = 0; f < rv->nforms; f++)
		ui_put(y, 1 + nw + (int)f * cw, cw, ui_attr(UI_S_TITLE), 0,
			yg_form_short(rv->forms[f]));
	if (notes)
		ui_put(y, 1 + nw + (int)rv->nforms * cw, notes, ui_attr(UI_S_TITLE), 0,
			_("Issues"));
	y++;
	rows = ui_body_rows() - 5;
	if (rv->nview == 0)
		ui_put(y + 1, 2, COLS - 4, ui_attr(UI_S_DIM), 0,
			_("No institution in this scope files returns."));
	if (rv->sel < rv->top)
		rv->top = rv->sel;
	if (rows > 0 && rv->sel >= rv->top + (size_t)rows)
		rv->top = rv->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && rv->top + (size_t)r < rv->nview; r++) {
		const struct rv_row *row = &rv->rows[rv->view[rv->top + (size_t)r]];
		bool sel = rv->top + (size_t)r == rv->sel;
		int errors = 0, warnings = 0;
		char text[48];

		ui_putf(y + r, 0, nw, sel ? ui_attr(UI_S_TITLE) : A_NORMAL, UI_CLIP, "%s%s",
			sel ? ">" : " ", row->name);
		for (size_t f = 0; f < rv->nforms; f++) {
			const struct yg_status *c = row->cell[f];
			attr_t a;
			enum status_timeliness tl;

			if (row->group) {
				struct status_totals g;

				group_cell(rv, row, f, &g, &errors, &warnings);
				a = sel && f == rv->col ? ui_attr(UI_S_SELECT) : !g.expected ?
					ui_attr(UI_S_DIM) : g.missing ? ui_attr(UI_S_ERROR) :
					g.approved == g.expected ? ui_attr(UI_S_OK) : A_NORMAL;
				if (g.expected)
					ui_put(y + r, 1 + nw + (int)f * cw, cw - 1, a, UI_PAD,
						received_text(&g, cw - 1, text, sizeof text));
				else
					ui_put(y + r, 1 + nw + (int)f * cw, cw - 1, a, UI_PAD, " ");
				continue;
			}
			if (!c) {
				ui_put(y + r, 1 + nw + (int)f * cw, cw - 1, sel && f == rv->col ?
					ui_attr(UI_S_SELECT) : ui_attr(UI_S_DIM), UI_PAD, " ");
				continue;
			}
			tl = status_timeliness(c);
			a = sel && f == rv->col ? ui_attr(UI_S_SELECT) : ui_attr(cell_style(c));
			ui_putf(y + r, 1 + nw + (int)f * cw, cw - 1, a, UI_PAD, "%c%s%s",
				rv_state_mark(c->state), rv_state_short(c->state),
				tl == ST_LATE ? "!" : tl == ST_MISSING ? "?" : "");
			if (c->state != YG_ST_EMPTY) {
				errors += c->errors;
				warnings += c->warnings;
			}
		}
		if (notes && (errors || warnings || row->missed)) {
			char *e = errors ? yg_asprintf(_("E%d "), errors) : NULL;
			char *w = warnings ? yg_asprintf(_("W%d "), warnings) : NULL;

			ui_putf(y + r, 1 + nw + (int)rv->nforms * cw, notes, ui_attr(errors ?
				UI_S_ERROR : UI_S_WARN), 0, "%s%s%s", e ? e : "", w ? w : "",
				row->missed ? row->missed : "");
			free(e);
			free(w);
		}
	}
	draw_current(rv, LINES - 6);
	shown_totals(rv, &t);
	comp = pct_text(status_completeness(&t));
	time_ = pct_text(status_timeliness_pct(&t));
	ui_putf(LINES - 5, 1, COLS - 2, A_NORMAL, UI_PAD,
		_("expected %zu  submitted %zu  approved %zu  returned %zu  draft %zu  "
		"not started %zu"),
		t.expected, t.submitted, t.approved, t.returned, t.draft, t.not_started);
	ui_putf(LINES - 4, 1, COLS - 2, ui_attr(UI_S_TITLE), UI_PAD,
		_("missing? %zu  late! %zu  "
		"completeness %s  timeliness %s"), t.missing, t.late, comp, time_);
	free(comp);
	free(time_);
	/* What does not fit at 80 columns gives way to "? more" (help lists all). */
	ui_draw_keys(s);
}

static void approve_all(struct review *rv)
{
	size_t n = 0, approved = 0, skipped = 0;
	int64_t *ids = calloc(rv->nst ? rv->nst : 1, sizeof *ids);
	int64_t *versions = calloc(rv->nst ? rv->nst : 1, sizeof *versions);
	char *body;

	if (!ids || !versions)
		goto out;
	for (size_t i = 0; i < rv->nview; i++)
		for (size_t f = 0; f < rv->nforms; f++) {
			const struct yg_status *c = rv->rows[rv->view[i]].cell[f];

			if (c && c->sub_id && c->state == YG_ST_SUBMITTED) {
				ids[n] = c->sub_id;
				versions[n++] = c->version;
			}
		}
	if (n == 0) {
		ui_flash(UI_MSG_INFO, "%s", _("Nothing shown awaits review"));
		goto out;
	}
	body = yg_asprintf(
		_("%zu submitted returns are shown.\nThose without errors and with every warning "
		"explained are approved; the others are skipped."), n);
	if (!ui_confirm(_("Approve all clean"), body ? body : "")) {
		free(body);
		if (!ui_quitting())
			ui_flash(UI_MSG_INFO, "%s", _("Nothing approved"));
		goto out;
	}
	free(body);
	if (yg_sub_approve_clean(ui_db(), ids, versions, n, &approved, &skipped) != YG_OK)
		ui_flash_error();
	else
		ui_flash(approved ? UI_MSG_OK : UI_MSG_WARN,
			_("%zu approved, %zu skipped"), approved, skipped);
out:
	free(ids);
	free(versions);
}

static int review_key(struct ui_screen *s, const struct ui_key *k)
{
	struct review *rv = (struct review *)s;
	const struct yg_status *c = current(rv);
	int page = ui_body_rows() - 5 > 1 ? ui_body_rows() - 5 : 1;

	if (ui_list_move(&rv->sel, rv->nview, k->act, (size_t)page))
		return UI_HANDLED;
	switch (k->act) {
	case UI_A_LEFT:
	case UI_A_PREV:
		if (rv->col > 0)
			rv->col--;
		return UI_HANDLED;
	case UI_A_RIGHT:
	case UI_A_NEXT:
		if (rv->col + 1 < rv->nforms)
			rv->col++;
		return UI_HANDLED;
	case UI_A_PREV_MONTH:
	case UI_A_NEXT_MONTH:
		rv->period = yg_period_add(rv->period, k->act == UI_A_PREV_MONTH ? -1 : 1);
		load(rv);
		return UI_HANDLED;
	case UI_A_REFRESH:
		load(rv);
		return UI_HANDLED;
	case A_COMMUNITY:
		if (rv->grouped) {
			ui_flash(UI_MSG_INFO, "%s",
				_("Open a county with Enter first, then filter by community"));
			return UI_HANDLED;
		}
		if (rv->ncomms == 0) {
			ui_flash(UI_MSG_INFO, "%s", _("No medical community in scope"));
			return UI_HANDLED;
		}
		{
			/* "All", then each community, to pick from by name. */
			const char **items = calloc(rv->ncomms + 1, sizeof *items);
			int picked;
			if (!items)
				return UI_HANDLED;
			items[0] = _("All communities");
			for (size_t i = 0; i < rv->ncomms; i++)
				items[i + 1] = rv->comms[i].name;
			picked = ui_pick(_("Filter by medical community"), items,
				rv->ncomms + 1, (size_t)(rv->comm + 1));
			free(items);
			if (picked < 0 || ui_quitting())
				return UI_HANDLED;
			rv->comm = picked - 1;
		}
		rv->sel = rv->top = 0;
		rebuild_view(rv);
		return UI_HANDLED;
	case UI_A_ENTER:
		if (!c && rv->nview && rv->rows[rv->view[rv->sel]].group)
			review_open_at(rv->rows[rv->view[rv->sel]].org_id, rv->period);
		else if (!c)
			ui_flash(UI_MSG_INFO, "%s", _("This unit does not file it"));
		else if (!c->sub_id)
			ui_flash(UI_MSG_INFO, "%s", _("This return is not started"));
		else
			ui_subview_open(c->sub_id);
		return UI_HANDLED;
	case A_APPROVE:
	case A_RETURN:
	case A_REOPEN:
		if (!c) {
			ui_flash(UI_MSG_INFO, "%s", _("This unit does not file it"));
			return UI_HANDLED;
		}
		if (k->act == A_APPROVE ? rv_approve_unseen(c) : k->act == A_RETURN ?
		    rv_return(c->sub_id) : rv_reopen(c->sub_id))
			load(rv);
		return UI_HANDLED;
	case A_APPROVE_ALL:
		approve_all(rv);
		if (!ui_quitting())
			load(rv);
		return UI_HANDLED;
	case A_DASHBOARD:
		ui_dashboard_open(rv->period);
		return UI_HANDLED;
	case A_EXPORT:
		ui_export_open(rv->period);
		return UI_HANDLED;
	case A_USERS:
	case A_ORGS:
		if (!rv->admin) {
			ui_flash(UI_MSG_WARN, "%s", _("Only admins manage institutions and users"));
			return UI_HANDLED;
		}
		if (k->act == A_USERS)
			ui_admin_users_open();
		else
			ui_admin_orgs_open();
		return UI_HANDLED;
	case UI_A_BACK:
		/* Esc on the first screen does not leave the program by surprise;
		 * on one Enter opened it goes back up. */
		return rv->drilled ? UI_UNHANDLED : UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void review_resume(struct ui_screen *s)
{
	load((struct review *)s);
}

static void review_leave(struct ui_screen *s)
{
	struct review *rv = (struct review *)s;

	clear_rows(rv);
	for (size_t i = 0; i < rv->ncomms; i++)
		free(rv->comms[i].name);
	free(rv->comms);
	free(rv->top_name);
	free(rv);
}

static void review_keys(struct ui_screen *s, ui_keys_use *use, void *ctx)
{
	const struct ui_keydef t[] = {
		{ .hkey = _("Arrows"), .help = _("choose institution and form") },
		{ "Enter", _("view"),
		  _("view the return: values, findings, explanations, history"), .act = UI_A_ENTER },
		{ "a", C_("key", "approve"),
		  _("approve the return (one not viewed yet: asks once, with its counts)"),
		  .act = A_APPROVE, .ch = 'a' },
		{ "r", _("return"),
		  _("return it (a comment for the clerk is required)"), .act = A_RETURN, .ch = 'r' },
		{ "o", _("reopen"),
		  _("reopen an approved return (a reason is required)"), .act = A_REOPEN, .ch = 'o' },
		{ "A", C_("ui-review", "all"),
		  _("after one confirmation, approve every clean submitted\nreturn shown (no errors, "
		  "every warning explained)"), .act = A_APPROVE_ALL, .ch = 'A' },
		{ "e", _("export"),
		  _("export CSV (format, encoding, file; as yigong export)"), .act = A_EXPORT, .ch = 'e' },
		{ "d", _("dash"), _("targets dashboard T1-T13"),
		  .act = A_DASHBOARD, .ch = 'd' },
		{ "[ ]", C_("ui-review", "month"), _("previous / next month"),
		  .act = UI_A_PREV_MONTH },
		{ "c", _("filter"),
		  _("filter by medical community (pick one, or all)"), .act = A_COMMUNITY, .ch = 'c' },
		{ "i", _("units"), _("institutions (admins only)"),
		  .act = A_ORGS, .ch = 'i' },
		{ "u", _("users"), _("users (admins only)"),
		  .act = A_USERS, .ch = 'u' },
		{ "?", _("help"), .act = UI_A_HELP },
		{ "F5", .hkey = _("F5 or Ctrl-L"), .help = _("refresh"),
		  .act = UI_A_REFRESH },
		{ "q", _("quit"), _("quit"), .act = UI_A_QUIT },
	};

	(void)s;
	UI_KEYS(use, ctx, t);
}

static const struct ui_screen_ops review_ops = {
	.name = "review",
	.draw = review_draw,
	.key = review_key,
	.resume = review_resume,
	.leave = review_leave,
	.keys = review_keys,
	.help_zh =
		"审核\n"
		"\n"
		"辖区内每个机构 (行) 每张月报 (列) 本月的状态:\n"
		"  - 未开始   ~ 草稿   > 已提交待审   < 已退回   + 已通过   o 已重开\n"
		"  状态后的 ! 表示逾期提交, ? 表示已过截止日仍未报。\n"
		"\"问题\" 列: 该机构各表最近一次检查的错误数、警告数, 以及已提交/已通过\n"
		"的报表中未达标的目标 (同目标看板)。\n"
		"末两行为本页 (按医共体筛选后) 的合计, 与 yigong status 的算法相同:\n"
		"完整率 = 已收到/应报, 及时率 = 按时收到/应报。\n"
		"\n",
	.help_en =
		N_("Review\n"
		"\n"
		"Each institution (row) and monthly form (column) this month:\n"
		"  - not started  ~ draft  > submitted  < returned  + approved  o reopened\n"
		"  After the state, ! means received late, ? not received and past due.\n"
		"\"Issues\": errors (E) and warnings (W) of the row's last checks, and the\n"
		"targets its submitted and approved returns missed (as on the dashboard).\n"
		"The last two lines total what is shown (after the community filter),\n"
		"counted as `yigong status` counts: completeness = received / expected,\n"
		"timeliness = received on time / expected.\n"
		"\n"),
};

/* The medical communities of the institutions in view, for the filter, in
 * tree order: from the rows, so that a county's grid inside a province
 * does not list the province's units to find its own few. */
static void load_communities(struct review *rv)
{
	rv->comms = calloc(rv->nrows ? rv->nrows : 1, sizeof *rv->comms);
	for (size_t i = 0; rv->comms && i < rv->nrows; i++) {
		int64_t id = rv->rows[i].community;
		struct yg_org o = { 0 };
		bool seen = !id;

		for (size_t k = 0; !seen && k < rv->ncomms; k++)
			seen = rv->comms[k].id == id;
		if (seen || yg_org_get_id(ui_db(), id, &o) != YG_OK)
			continue;
		rv->comms[rv->ncomms].id = id;
		rv->comms[rv->ncomms++].name = o.name;
		o.name = NULL;
		yg_org_clear(&o);
	}
}

/* The grid of unit top for period: its own institutions from a county
 * down, the units below it above the county. */
static void review_open_at(int64_t top, yg_period period)
{
	struct review *rv = calloc(1, sizeof *rv);
	const struct yg_user *u = yg_actor(ui_db());
	struct yg_org o = { 0 };

	if (!rv)
		return;
	if (yg_org_get_id(ui_db(), top, &o) != YG_OK) {
		ui_flash_error();
		free(rv);
		return;
	}
	rv->base.ops = &review_ops;
	rv->admin = u && u->role == YG_ROLE_ADMIN;
	rv->comm = -1;
	rv->period = period;
	rv->top_id = top;
	rv->top_name = o.name;
	o.name = NULL;
	rv->grouped = o.kind == YG_KIND_PREFECTURE || o.kind == YG_KIND_PROVINCE;
	rv->drilled = !u || top != u->org_id;
	yg_org_clear(&o);
	load(rv);
	if (!rv->grouped) /* above the county Enter opens a county first */
		load_communities(rv);
	ui_push(&rv->base);
}

void ui_review_open(void)
{
	const struct yg_user *u = yg_actor(ui_db());

	/* Returns are filed after the month ends: the month due now is the
	 * last one. */
	review_open_at(u ? u->org_id : 0, yg_period_add(yg_period_current(), -1));
}
