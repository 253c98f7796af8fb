/*
 * ui-home.c — the clerk's home: the returns of the month due now and of the
 * months before it, where each stands, when it is due and what the reviewer
 * said.  Enter opens a return; [ and ] move the months shown.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-screen.h"
#include "ui-screens.h"

/* Months shown below the month in focus. */
#define HOME_MONTHS 6

/* A roster's letter (yg_form.home_key) is action A_ROSTER + the form's
 * place in the registry. */
enum { A_ROSTER = UI_A_SCREEN };

/* Rosters the home opens with a letter; more are not given one. */
#define HOME_ROSTERS 8

struct home_row {
	const struct yg_form *form;
	yg_period period;
	yg_date due;
	enum yg_state state;
	bool late;
	char *comment;
	char *org_code;
	char *org_name;
	int errors, warnings;
};

struct home {
	struct ui_screen base;
	yg_period period;          /* the newest month shown */
	struct home_row *rows;
	size_t n, sel, top;
	char *org_name;
	char *org_code;
};

static void free_rows(struct home *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->rows[i].comment);
		free(h->rows[i].org_code);
		free(h->rows[i].org_name);
	}
	free(h->rows);
	h->rows = NULL;
	h->n = 0;
}

static void load(struct home *h)
{
	size_t cap = 0;

	free_rows(h);
	for (int m = 0; m < HOME_MONTHS; m++) {
		yg_period p = yg_period_add(h->period, -m);
		yg_date due = yg_due_date(ui_db(), p);
		struct yg_status *v = NULL;
		size_t n = 0;

		if (yg_status_list(ui_db(), p, &v, &n) != YG_OK) {
			ui_flash_error();
			break;
		}
		for (size_t i = 0; i < n; i++) {
			struct home_row *r;

			if (h->n == cap) {
				size_t ncap = cap * 2 + 8;
				struct home_row *t = realloc(h->rows, ncap * sizeof *t);

				if (!t)
					break;
				h->rows = t;
				cap = ncap;
			}
			r = &h->rows[h->n++];
			r->form = v[i].form;
			r->period = p;
			r->due = due;
			r->state = v[i].state;
			r->late = v[i].late;
			r->comment = yg_strdup(v[i].comment);
			r->org_code = yg_strdup(v[i].org_code);
			r->org_name = yg_strdup(v[i].org_name);
			r->errors = v[i].errors;
			r->warnings = v[i].warnings;
		}
		yg_status_list_free(v, n);
	}
	if (h->sel >= h->n)
		h->sel = h->n ? h->n - 1 : 0;
}

static bool submitted(enum yg_state s)
{
	return s == YG_ST_SUBMITTED || s == YG_ST_APPROVED;
}

/* "逾期 18 天", "剩 5 天", "迟报", or "" — what the due date means now. */
static char *due_note(const struct home_row *r, yg_date due)
{
	long days = (long)yg_date_today() - (long)due;

	if (submitted(r->state))
		return yg_strdup(r->late ? C_("ui-home", "late") : "");
	if (days > 0)
		return yg_asprintf(_("%ld days late"), days);
	if (days == 0)
		return yg_strdup(_("due today"));
	return yg_asprintf(_("%ld days left"), -days);
}

static enum ui_style state_style(enum yg_state s)
{
	switch (s) {
	case YG_ST_APPROVED:
	case YG_ST_SUBMITTED:
		return UI_S_OK;
	case YG_ST_RETURNED:
		return UI_S_WARN;
	default:
		return UI_S_NORMAL;
	}
}

static void home_draw(struct ui_screen *s)
{
	struct home *h = (struct home *)s;
	int y = ui_body_top(), rows = ui_body_rows() - 3, lw, x;
	yg_date due = yg_due_date(ui_db(), h->period);
	long days = (long)yg_date_today() - (long)due;
	char per[8], dd[11];
	size_t pending = 0, here = 0;
	char *full = NULL;
	int full_rows = 0;

	ui_draw_header(h->org_name ? h->org_name : "");
	yg_period_format(h->period, per);
	yg_date_format(due, dd);
	x = ui_putf(y, 1, COLS - 2, ui_attr(UI_S_TITLE), 0, "%s %s", h->period ==
		yg_period_add(yg_period_current(), -1) ? _("Due now") :
		_("Returns of"), per) + 1;
	x += ui_putf(y, x, COLS - x, A_NORMAL, 0, "  %s %s", _("due"), dd + 5);
	for (size_t i = 0; i < h->n; i++) {
		here += h->rows[i].period == h->period;
		pending += h->rows[i].period == h->period && !submitted(h->rows[i].state);
	}
	/* A unit not yet open (or closed) that month owes nothing for it. */
	if (!here)
		ui_put(y, x, COLS - x, ui_attr(UI_S_DIM), 0, _("  nothing to file for this month"));
	else if (!pending)
		ui_put(y, x, COLS - x, ui_attr(UI_S_OK), 0, _("  all submitted"));
	else if (days > 0)
		ui_putf(y, x, COLS - x, ui_attr(UI_S_WARN), 0,
			_("  %zu late by %ld days"), pending, days);
	else
		ui_putf(y, x, COLS - x, A_NORMAL, 0,
			_("  %zu to file, %ld days left"), pending, -days);
	y++;
	lw = COLS * 3 / 10;
	if (lw < 14)
		lw = 14;
	ui_put(y, 1, lw, ui_attr(UI_S_TITLE), 0, _(" Return"));
	ui_put(y, lw + 1, 9, ui_attr(UI_S_TITLE), 0, _("Period"));
	ui_put(y, lw + 10, 10, ui_attr(UI_S_TITLE), 0, _("State"));
	ui_put(y, lw + 20, 7, ui_attr(UI_S_TITLE), 0, C_("ui-home", "Due"));
	ui_put(y, lw + 27, COLS - lw - 28, ui_attr(UI_S_TITLE), 0, _("Notes"));
	y++;
	if (h->n && h->rows[h->sel].comment && *h->rows[h->sel].comment &&
	    (h->rows[h->sel].state == YG_ST_RETURNED || h->rows[h->sel].state == YG_ST_REOPENED)) {
		char **v;

		full = yg_asprintf("%s: %s", h->rows[h->sel].state == YG_ST_RETURNED ?
			C_("ui-home", "Returned") : C_("ui-home", "Reopened"),
			h->rows[h->sel].comment);
		full_rows = (int)ui_wrap(full, COLS - 2, &v);
		ui_wrap_free(v, (size_t)full_rows);
		if (full_rows > 4)
			full_rows = 4;
		/* The list gives up the rows the comment needs beyond its own. */
		if (full_rows > 1 && rows > full_rows)
			rows -= full_rows - 1;
	}
	if (h->n == 0)
		ui_put(y + 1, 2, COLS - 4, ui_attr(UI_S_DIM), 0,
			_("No returns are due from this institution."));
	if (h->sel < h->top)
		h->top = h->sel;
	if (rows > 0 && h->sel >= h->top + (size_t)rows)
		h->top = h->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && h->top + (size_t)r < h->n; r++) {
		const struct home_row *row = &h->rows[h->top + (size_t)r];
		bool sel = h->top + (size_t)r == h->sel;
		attr_t a = sel ? ui_attr(UI_S_SELECT) : A_NORMAL;
		yg_date rdue = row->due;
		char *note = due_note(row, rdue), *extra = NULL, *label, *clipped;

		yg_period_format(row->period, per);
		yg_date_format(rdue, dd);
		if (sel)
			attrset(a), mvhline(y + r, 0, ' ', COLS), attrset(A_NORMAL);
		label = yg_asprintf("%s %s", YG_L(row->form->zh, row->form->en), row->form->key);
		clipped = ui_clip(label, lw - 1);
		ui_putf(y + r, 0, lw, a, 0, "%s%s", sel ? ">" : " ", clipped ? clipped : "");
		free(label);
		free(clipped);
		ui_put(y + r, lw + 1, 9, a, 0, per);
		ui_put(y + r, lw + 10, 10, sel ? a : ui_attr(state_style(row->state)), 0,
			yg_state_label(row->state));
		ui_put(y + r, lw + 20, 7, a, 0, dd + 5);
		if (row->state == YG_ST_RETURNED && row->comment && *row->comment)
			extra = yg_asprintf("%s%s%s: %s", note, *note ? " " : "",
				_("reviewer"), row->comment);
		else if (row->errors && !submitted(row->state))
			extra = yg_asprintf("%s%s%d %s", note, *note ? " " : "", row->errors,
				_("errors"));
		ui_put(y + r, lw + 27, COLS - lw - 28, sel ? a : ui_attr(*note &&
			!submitted(row->state) && yg_date_today() > rdue ? UI_S_WARN : UI_S_NORMAL),
			0, extra ? extra : note);
		free(note);
		free(extra);
	}
	/* The selected return's comment in full, wrapped: the notes column
	 * cuts it. */
	if (full)
		ui_put_wrapped(LINES - 3 - full_rows, 1, COLS - 2, full_rows, ui_attr(UI_S_WARN),
			full);
	free(full);
	ui_draw_keys(s);
}

static int home_key(struct ui_screen *s, const struct ui_key *k)
{
	struct home *h = (struct home *)s;
	const struct home_row *row = h->n ? &h->rows[h->sel] : NULL;
	int page = ui_body_rows() - 3 > 1 ? ui_body_rows() - 3 : 1;

	if (ui_list_move(&h->sel, h->n,
	    k->act == UI_A_PREV ? UI_A_UP : k->act == UI_A_NEXT ? UI_A_DOWN : k->act, (size_t)page))
		return UI_HANDLED;
	switch (k->act) {
	case UI_A_PREV_MONTH:
	case UI_A_NEXT_MONTH:
		h->period = yg_period_add(h->period, k->act == UI_A_PREV_MONTH ? -1 : 1);
		h->sel = h->top = 0;
		load(h);
		return UI_HANDLED;
	case UI_A_ENTER:
		if (row)
			ui_form_open(row->form->key, row->org_code, row->period, false);
		return UI_HANDLED;
	case UI_A_REFRESH:
		load(h);
		return UI_HANDLED;
	case UI_A_BACK:
		/* Esc on the home screen does not leave the program by surprise. */
		return UI_HANDLED;
	default:
		if (k->act < A_ROSTER || !yg_form_at((size_t)(k->act - A_ROSTER)))
			return UI_UNHANDLED;
		ui_roster_open(yg_form_at((size_t)(k->act - A_ROSTER))->key,
			row ? row->period : h->period);
		return UI_HANDLED;
	}
}

static void home_resume(struct ui_screen *s)
{
	load((struct home *)s);
}

static void home_leave(struct ui_screen *s)
{
	struct home *h = (struct home *)s;

	free_rows(h);
	free(h->org_name);
	free(h->org_code);
	free(h);
}

/* The rosters' rows come from the registry: a record form with a home
 * letter (yg_form.home_key) gets one, in registry order. */
static void home_keys(struct ui_screen *s, ui_keys_use *use, void *ctx)
{
	const struct ui_keydef head[] = {
		{ .hkey = _("Up/Down, j k"),
		  .help = _("choose a return") },
		{ "Enter", C_("ui-home", "open"),
		  _("open it (drafts, returned and reopened ones are editable)"), .act = UI_A_ENTER },
		{ "[ ]", C_("ui-home", "month"), _("previous / next month"),
		  .act = UI_A_PREV_MONTH },
	};
	const struct ui_keydef tail[] = {
		{ "F5", .hkey = _("F5 or Ctrl-L"), .help = _("refresh"),
		  .act = UI_A_REFRESH },
		{ "?", _("help"), .act = UI_A_HELP },
		{ "q", _("quit"), .hkey = _("q or Ctrl-C"),
		  .help = _("quit"), .act = UI_A_QUIT },
		{ .help =
		  _("\nWhen F-keys fail (PuTTY, Xshell): Ctrl-S saves, Ctrl-X submits, Esc goes back.") },
	};
	enum { NHEAD = sizeof head / sizeof head[0], NTAIL = sizeof tail / sizeof tail[0] };
	static char letters[HOME_ROSTERS][2];
	struct ui_keydef t[NHEAD + HOME_ROSTERS + NTAIL];
	size_t n = 0, r = 0;

	(void)s;
	for (size_t i = 0; i < NHEAD; i++)
		t[n++] = head[i];
	for (size_t i = 0; i < yg_form_count() && r < HOME_ROSTERS; i++) {
		const struct yg_form *f = yg_form_at(i);

		if (!f->is_record || !f->home_key)
			continue;
		letters[r][0] = f->home_key;
		t[n++] = (struct ui_keydef){ letters[r], YG_L(f->home_bar_zh, f->home_bar_en),
			YG_L(f->home_help_zh, f->home_help_en), .act = A_ROSTER + (int)i,
			.ch = (wint_t)f->home_key };
		r++;
	}
	for (size_t i = 0; i < NTAIL; i++)
		t[n++] = tail[i];
	use(t, n, ctx);
}

static const struct ui_screen_ops home_ops = {
	.name = "home",
	.draw = home_draw,
	.key = home_key,
	.resume = home_resume,
	.leave = home_leave,
	.keys = home_keys,
	.help_zh =
		"填报员首页\n"
		"\n"
		"列出本机构本月待报及之前几个月的报表: 状态, 截止日期, 逾期天数, 审核员的退回意见。\n"
		"\n",
	.help_en =
		N_("Clerk home\n"
		"\n"
		"The returns of your institution due now and of the months before:\n"
		"state, due date, days late, the reviewer's comment when returned.\n"
		"\n"),
};

void ui_home_open(void)
{
	struct home *h = calloc(1, sizeof *h);
	const struct yg_user *u = yg_actor(ui_db());
	struct yg_org org = { 0 };

	if (!h)
		return;
	h->base.ops = &home_ops;
	/* Returns are filed after the month ends: the month due now is the
	 * last one. */
	h->period = yg_period_add(yg_period_current(), -1);
	if (u && yg_org_get_id(ui_db(), u->org_id, &org) == YG_OK) {
		h->org_name = yg_strdup(org.name);
		h->org_code = yg_strdup(org.code);
	}
	yg_org_clear(&org);
	load(h);
	ui_push(&h->base);
}
