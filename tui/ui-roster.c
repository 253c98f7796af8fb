/*
 * ui-roster.c — the rosters behind the monthly returns (record forms: the
 * postings of doctors sent down, with their monthly activity; the referral
 * register).  A list with sort and filter; add, edit and delete go through
 * the record editor built from the spec (ui-edit.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-screen.h"
#include "ui-screens.h"

enum { A_ACTIVITY = UI_A_SCREEN };

/* Columns shown: the first fields of the spec that fit. */
#define ROSTER_MAX_COLS 6

struct roster {
	struct ui_screen base;
	const struct yg_form *form;
	const struct yg_form *activity; /* its records' monthly figures, or NULL */
	yg_period period;
	struct yg_record **rec;
	size_t n;
	size_t *view;                   /* filtered and sorted indexes into rec */
	size_t nview, sel, top;
	int sort_col;                   /* field index; -1 as stored */
	bool sort_desc;
	char *filter;
	int64_t org_id;
	int64_t *days;                  /* postings: days on site in period, -1 none */
};

/* The text of a record's field as shown in the list (caller frees). */
static char *cell(const struct roster *ro, const struct yg_record *r, size_t f)
{
	return ui_value_text(&ro->form->fields[f], &r->values[f]);
}

static const struct roster *sort_ro;

static int cmp_rec(const void *a, const void *b)
{
	const struct roster *ro = sort_ro;
	const struct yg_record *x = ro->rec[*(const size_t *)a], *y = ro->rec[*(const size_t *)b];
	const struct yg_field *f = &ro->form->fields[ro->sort_col];
	const struct yg_value *vx = &x->values[ro->sort_col], *vy = &y->values[ro->sort_col];
	int c;

	if (vx->set != vy->set)
		c = vx->set ? -1 : 1; /* empty last */
	else if (!vx->set)
		c = 0;
	else if (f->type == YG_T_TEXT || f->type == YG_T_CODE || f->type == YG_T_CHOICE ||
	    f->type == YG_T_ORG)
		c = strcoll(vx->text ? vx->text : "", vy->text ? vy->text : "");
	else
		c = vx->num < vy->num ? -1 : vx->num > vy->num;
	if (c == 0)
		c = x->id < y->id ? -1 : x->id > y->id;
	return ro->sort_desc ? -c : c;
}

static bool matches(const struct roster *ro, const struct yg_record *r)
{
	if (!ro->filter || !*ro->filter)
		return true;
	for (size_t f = 0; f < ro->form->nfields; f++) {
		char *s = cell(ro, r, f);
		bool hit = s && strcasestr(s, ro->filter);

		free(s);
		if (hit)
			return true;
	}
	return false;
}

static void rebuild_view(struct roster *ro)
{
	free(ro->view);
	ro->view = calloc(ro->n ? ro->n : 1, sizeof *ro->view);
	ro->nview = 0;
	if (!ro->view)
		return;
	for (size_t i = 0; i < ro->n; i++)
		if (matches(ro, ro->rec[i]))
			ro->view[ro->nview++] = i;
	if (ro->sort_col >= 0) {
		sort_ro = ro;
		qsort(ro->view, ro->nview, sizeof *ro->view, cmp_rec);
	}
	if (ro->sel >= ro->nview)
		ro->sel = ro->nview ? ro->nview - 1 : 0;
}

/* The activity's count of days in the month (its month_days field), or
 * NULL when it has none. */
static const char *days_key(const struct yg_form *activity)
{
	for (size_t i = 0; activity && i < activity->nfields; i++)
		if (activity->fields[i].month_days)
			return activity->fields[i].key;
	return NULL;
}

/* Postings: the month's days on site beside each, so that the clerk sees
 * which postings still lack their activity. */
static void load_days(struct roster *ro)
{
	const char *key = days_key(ro->activity);

	free(ro->days);
	ro->days = NULL;
	if (!key || !ro->n)
		return;
	ro->days = calloc(ro->n, sizeof *ro->days);
	for (size_t i = 0; ro->days && i < ro->n; i++)
		if (yg_activity_get(ui_db(), ro->rec[i]->id, ro->period, key, &ro->days[i]) !=
		    YG_OK)
			ro->days[i] = -1;
}

static void load(struct roster *ro)
{
	yg_record_list_free(ro->rec, ro->n);
	ro->rec = NULL;
	ro->n = 0;
	if (yg_record_list(ui_db(), ro->form, 0, &ro->rec, &ro->n) != YG_OK)
		ui_flash_error();
	load_days(ro);
	rebuild_view(ro);
}

static struct yg_record *selected(struct roster *ro)
{
	return ro->nview ? ro->rec[ro->view[ro->sel]] : NULL;
}

static int col_width(const struct yg_field *f)
{
	switch (f->type) {
	case YG_T_DATE:
		return 11;
	case YG_T_COUNT:
	case YG_T_BOOL:
		return 7;
	case YG_T_CHOICE:
		return 10;
	case YG_T_ORG:
		return 18;
	default:
		return 14;
	}
}

static void roster_draw(struct ui_screen *s)
{
	struct roster *ro = (struct roster *)s;
	int y = ui_body_top(), rows = ui_body_rows() - 2, x, days_x, w[ROSTER_MAX_COLS];
	size_t ncols = 0;
	char per[8];

	yg_period_format(ro->period, per);
	ui_draw_header(YG_L(ro->form->zh, ro->form->en));
	x = ui_putf(y, 1, COLS - 2, ui_attr(UI_S_TITLE), 0, "%s  %zu/%zu",
		YG_L(ro->form->zh, ro->form->en), ro->nview, ro->n) + 1;
	if (ro->activity)
		x += ui_putf(y, x, COLS - x, A_NORMAL, 0, "  %s %s", _("activity of"),
			per);
	if (ro->filter && *ro->filter)
		x += ui_putf(y, x, COLS - x, ui_attr(UI_S_WARN), 0, "  %s: %s",
			C_("ui-roster", "filter"), ro->filter);
	if (ro->sort_col >= 0)
		ui_putf(y, x, COLS - x, ui_attr(UI_S_DIM), 0, "  %s: %s%s", _("sort"),
			yg_field_label(&ro->form->fields[ro->sort_col]),
			ro->sort_desc ? " v" : " ^");
	y++;
	/* The month's days on site first, then as many leading fields as fit. */
	x = 1;
	if (ro->days)
		x += ui_put(y, x, 9, ui_attr(UI_S_TITLE), UI_PAD, _("Days")) + 1;
	days_x = x;
	for (; ncols < ro->form->nfields && ncols < ROSTER_MAX_COLS; ncols++) {
		w[ncols] = col_width(&ro->form->fields[ncols]);
		if (x + w[ncols] > COLS - 1)
			break;
		ui_put(y, x, w[ncols] - 1, ui_attr((int)ncols == ro->sort_col ? UI_S_WARN :
			UI_S_TITLE), 0, yg_field_label(&ro->form->fields[ncols]));
		x += w[ncols];
	}
	y++;
	if (ro->nview == 0)
		ui_put(y + 1, 2, COLS - 4, ui_attr(UI_S_DIM), 0, ro->n ?
			_("No record matches the filter (/ to change)") :
			_("No records yet; a adds one."));
	if (ro->sel < ro->top)
		ro->top = ro->sel;
	if (rows > 0 && ro->sel >= ro->top + (size_t)rows)
		ro->top = ro->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && ro->top + (size_t)r < ro->nview; r++) {
		const struct yg_record *rec = ro->rec[ro->view[ro->top + (size_t)r]];
		bool sel = ro->top + (size_t)r == ro->sel;
		attr_t a = sel ? ui_attr(UI_S_SELECT) : A_NORMAL;

		if (sel) {
			attrset(a);
			mvhline(y + r, 0, ' ', COLS);
			attrset(A_NORMAL);
			ui_put(y + r, 0, 1, a, 0, ">");
		}
		if (ro->days) {
			int64_t d = ro->days[ro->view[ro->top + (size_t)r]];

			if (d >= 0)
				ui_putf(y + r, 1, 8, a, UI_RIGHT, "%lld", (long long)d);
			else
				ui_put(y + r, 1, 8, sel ? a : ui_attr(UI_S_WARN), UI_RIGHT, "-");
		}
		x = days_x;
		for (size_t c = 0; c < ncols; c++) {
			char *t = cell(ro, rec, c);

			ui_put(y + r, x, w[c] - 1, a, UI_CLIP, t ? t : "");
			free(t);
			x += w[c];
		}
	}
	ui_draw_keys(s);
}

static int save_record(void *ctx, struct yg_findings *out)
{
	yg_findings_free(out);
	return yg_record_save(ui_db(), ctx, out);
}

/* A new record's boxes start with the likely answer: the clerk's own
 * institution (when the user belongs to one) and today. */
static void prefill(struct yg_record *r)
{
	const struct yg_user *u = yg_actor(ui_db());
	struct yg_org own = { 0 };
	bool institution = u && yg_org_get_id(ui_db(), u->org_id, &own) == YG_OK &&
		yg_kind_is_institution(own.kind);

	for (size_t i = 0; i < r->form->nfields; i++) {
		struct yg_value *v = &r->values[i];

		if (r->form->fields[i].prefill == YG_PREFILL_OWN_ORG && institution) {
			yg_value_clear(v);
			v->set = true;
			v->text = yg_strdup(own.code);
		} else if (r->form->fields[i].prefill == YG_PREFILL_TODAY) {
			yg_value_clear(v);
			v->set = true;
			v->num = yg_date_today();
		}
	}
	yg_org_clear(&own);
}

static void edit(struct roster *ro, struct yg_record *r)
{
	char *title = yg_asprintf("%s | %s", YG_L(ro->form->zh, ro->form->en),
		r->id ? _("edit") : _("new"));

	if (ui_values_edit_flags(title ? title : "", ro->form, r->values, save_record, r,
	    UI_EDIT_SAVE_ON_HANGUP))
		ui_flash(UI_MSG_OK, "%s", _("Saved"));
	free(title);
}

struct activity_ctx {
	const struct yg_form *spec;
	int64_t record_id;
	yg_period period;
	struct yg_value *values;
};

static int save_activity(void *ctx, struct yg_findings *out)
{
	struct activity_ctx *a = ctx;

	(void)out;
	return yg_activity_save(ui_db(), a->record_id, a->period, a->spec, a->values);
}

static void edit_activity(struct roster *ro, struct yg_record *r)
{
	struct activity_ctx a = { ro->activity, r->id, ro->period, NULL };
	char per[8], *title, *name = cell(ro, r, 0); /* who: the first field, as d asks */

	a.values = calloc(a.spec->nfields, sizeof *a.values);
	if (!a.values) {
		free(name);
		return;
	}
	if (yg_activity_load(ui_db(), r->id, ro->period, a.spec, a.values) != YG_OK) {
		ui_flash_error();
		goto out;
	}
	yg_period_format(ro->period, per);
	title = yg_asprintf("%s | %s | %s", YG_L(a.spec->zh, a.spec->en), name ? name : "", per);
	if (ui_values_edit_flags(title ? title : "", a.spec, a.values, save_activity, &a,
	    UI_EDIT_SAVE_ON_HANGUP))
		ui_flash(UI_MSG_OK, "%s", _("Saved"));
	free(title);
out:
	for (size_t i = 0; i < a.spec->nfields; i++)
		yg_value_clear(&a.values[i]);
	free(a.values);
	free(name);
}

static int roster_key(struct ui_screen *s, const struct ui_key *k)
{
	struct roster *ro = (struct roster *)s;
	struct yg_record *r = selected(ro);
	char *t;

	if (ui_list_move(&ro->sel, ro->nview,
	    k->act == UI_A_PREV ? UI_A_UP : k->act == UI_A_NEXT ? UI_A_DOWN : k->act, 10))
		return UI_HANDLED;
	switch (k->act) {
	case UI_A_ADD:
		r = yg_record_new(ro->form, ro->org_id);
		if (!r)
			return UI_HANDLED;
		prefill(r);
		edit(ro, r);
		yg_record_free(r);
		if (!ui_quitting())
			load(ro);
		return UI_HANDLED;
	case UI_A_ENTER:
		if (!r)
			return UI_HANDLED;
		edit(ro, r);
		if (!ui_quitting())
			load(ro); /* also undoes what a cancelled edit left in memory */
		return UI_HANDLED;
	case UI_A_REMOVE:
		if (!r)
			return UI_HANDLED;
		t = cell(ro, r, 0);
		if (ui_confirm(_("Delete"), t ? t : "")) {
			if (yg_record_delete(ui_db(), r->id, r->version) == YG_OK)
				ui_flash(UI_MSG_OK, "%s", _("Deleted"));
			else
				ui_flash_error();
			load(ro);
		}
		free(t);
		return UI_HANDLED;
	case UI_A_SORT:
		/* s steps through the columns, each ascending then descending. */
		if (ro->sort_col >= 0 && !ro->sort_desc) {
			ro->sort_desc = true;
		} else {
			ro->sort_desc = false;
			ro->sort_col = ro->sort_col + 1 < (int)ro->form->nfields &&
				ro->sort_col + 1 < ROSTER_MAX_COLS ? ro->sort_col + 1 : -1;
		}
		rebuild_view(ro);
		return UI_HANDLED;
	case UI_A_FILTER:
		t = ui_prompt(_("Filter"),
			_("Show records containing this text (empty: all)"), ro->filter, false);
		if (t) {
			free(ro->filter);
			ro->filter = t;
			ro->sel = 0;
			rebuild_view(ro);
		}
		return UI_HANDLED;
	case UI_A_PREV_MONTH:
	case UI_A_NEXT_MONTH:
		ro->period = yg_period_add(ro->period, k->act == UI_A_PREV_MONTH ? -1 : 1);
		load_days(ro);
		return UI_HANDLED;
	case A_ACTIVITY:
		if (ro->activity && r) {
			edit_activity(ro, r);
			if (!ui_quitting())
				load_days(ro);
		}
		return UI_HANDLED;
	case UI_A_REFRESH:
		load(ro);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void roster_leave(struct ui_screen *s)
{
	struct roster *ro = (struct roster *)s;

	yg_record_list_free(ro->rec, ro->n);
	free(ro->view);
	free(ro->filter);
	free(ro->days);
	free(ro);
}

static void roster_keys(struct ui_screen *s, ui_keys_use *use, void *ctx)
{
	const struct roster *ro = (const struct roster *)s;
	/* The postings roster has a month and its activity: less room. */
	bool act = ro->activity != NULL;
	const struct ui_keydef t[] = {
		{ .hkey = _("Up/Down"), .help = _("choose a record"),
		  .act = UI_A_DOWN },
		{ "a", _("add"), _("add a record"), .act = UI_A_ADD },
		{ "Enter", _("edit"), _("edit the record"), .act = UI_A_ENTER },
		{ "d", _("delete"), _("delete it (asks first)"),
		  .act = UI_A_REMOVE },
		{ "m", _("activity"),
		  _("postings: the month's activity (days on site, visits ...)"),
		  _("m or F4"), A_ACTIVITY, .ch = 'm', .code = KEY_F(4), .off = !act },
		{ "[ ]", _("month"), _("postings: change month"),
		  .act = UI_A_PREV_MONTH, .off = !act },
		{ "s", _("sort"),
		  _("sort: each column ascending, then descending"), .act = UI_A_SORT },
		{ "/", C_("ui-roster", "filter"),
		  _("filter: only records containing a text"), .act = UI_A_FILTER },
		{ "Esc", _("back"), _("back"), .act = UI_A_BACK },
		{ "?", _("help"), .act = UI_A_HELP, .quiet = act },
		{ .help = _("\nSaving checks the record (an end before the start, overlapping\n"
		  "postings of one doctor); a refusal says why and keeps the input.") },
	};

	UI_KEYS(use, ctx, t);
}

static const struct ui_screen_ops roster_ops = {
	.name = "roster",
	.draw = roster_draw,
	.key = roster_key,
	.leave = roster_leave,
	.keys = roster_keys,
	.help_zh = "名册\n\n",
	.help_en = N_("Roster\n\n"),
};

void ui_roster_open(const char *record_form, yg_period period)
{
	struct roster *ro;
	const struct yg_form *form = yg_form_find(record_form);
	const struct yg_user *u = yg_actor(ui_db());

	if (!form || !form->is_record) {
		ui_flash(UI_MSG_ERROR, "%s: %s", _("No such roster"), record_form);
		return;
	}
	ro = calloc(1, sizeof *ro);
	if (!ro)
		return;
	ro->base.ops = &roster_ops;
	ro->form = form;
	ro->period = period;
	ro->sort_col = -1;
	ro->org_id = u ? u->org_id : 0;
	ro->activity = form->activity;
	load(ro);
	ui_push(&ro->base);
}
