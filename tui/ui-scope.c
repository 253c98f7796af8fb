/*
 * ui-scope.c — the first screen of reviewers and admins, for now: the
 * institutions in scope and where each of their returns stands this month;
 * Enter opens one read-only.  The review screens will take its place.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-screen.h"
#include "ui-screens.h"

#define SCOPE_MAX_FORMS 8

struct scope_org {
	char *code, *name;
	struct yg_status *cell[SCOPE_MAX_FORMS]; /* borrowed from the list */
};

struct scope {
	struct ui_screen base;
	yg_period period;
	struct yg_status *st;
	size_t nst;
	const struct yg_form *forms[SCOPE_MAX_FORMS];
	size_t nforms;
	struct scope_org *orgs;
	size_t norgs, sel, col, top;
};

static void scope_clear(struct scope *sc)
{
	for (size_t i = 0; i < sc->norgs; i++) {
		free(sc->orgs[i].code);
		free(sc->orgs[i].name);
	}
	free(sc->orgs);
	sc->orgs = NULL;
	sc->norgs = 0;
	yg_status_list_free(sc->st, sc->nst);
	sc->st = NULL;
	sc->nst = 0;
}

static void load(struct scope *sc)
{
	scope_clear(sc);
	sc->nforms = 0;
	for (size_t i = 0; i < yg_form_count() && sc->nforms < SCOPE_MAX_FORMS; i++)
		if (!yg_form_at(i)->is_record && yg_form_at(i)->kinds)
			sc->forms[sc->nforms++] = yg_form_at(i);
	if (yg_status_list(ui_db(), sc->period, &sc->st, &sc->nst) != YG_OK) {
		ui_flash_error();
		return;
	}
	sc->orgs = calloc(sc->nst ? sc->nst : 1, sizeof *sc->orgs);
	if (!sc->orgs)
		return;
	/* The list comes in tree order, one line per unit and form. */
	for (size_t i = 0; i < sc->nst; i++) {
		struct yg_status *st = &sc->st[i];
		struct scope_org *o = sc->norgs ? &sc->orgs[sc->norgs - 1] : NULL;

		if (!o || strcmp(o->code, st->org_code)) {
			o = &sc->orgs[sc->norgs++];
			o->code = yg_strdup(st->org_code);
			o->name = yg_strdup(st->org_name);
		}
		for (size_t f = 0; f < sc->nforms; f++)
			if (sc->forms[f] == st->form)
				o->cell[f] = st;
	}
	if (sc->sel >= sc->norgs)
		sc->sel = sc->norgs ? sc->norgs - 1 : 0;
}

static void scope_draw(struct ui_screen *s)
{
	struct scope *sc = (struct scope *)s;
	int y = ui_body_top(), rows = ui_body_rows() - 2, nw, cw;
	size_t counts[YG_ST_REOPENED + 1] = { 0 }, late = 0;
	char per[8];

	yg_period_format(sc->period, per);
	ui_draw_header(YG_L("辖区报表", "Returns in scope"));
	ui_putf(y, 1, COLS - 2, ui_attr(UI_S_TITLE), 0, "%s %s  %s %zu",
		YG_L("月份", "Month"), per, YG_L("机构", "institutions"), sc->norgs);
	y++;
	nw = COLS / 4 < 12 ? 12 : COLS / 4;
	cw = sc->nforms ? (COLS - nw - 2) / (int)sc->nforms : 10;
	if (cw > 12)
		cw = 12;
	ui_put(y, 1, nw, ui_attr(UI_S_TITLE), 0, YG_L("机构", "Institution"));
	for (size_t f = 0; f < sc->nforms; f++)
		ui_put(y, nw + 1 + (int)f * cw, cw - 1, ui_attr(UI_S_TITLE), 0,
			YG_L(sc->forms[f]->zh, sc->forms[f]->en));
	y++;
	for (size_t i = 0; i < sc->nst; i++) {
		counts[sc->st[i].state]++;
		late += sc->st[i].late;
	}
	if (sc->sel < sc->top)
		sc->top = sc->sel;
	if (rows > 1 && sc->sel >= sc->top + (size_t)rows - 1)
		sc->top = sc->sel - (size_t)rows + 2;
	for (int r = 0; r < rows - 1 && sc->top + (size_t)r < sc->norgs; r++) {
		const struct scope_org *o = &sc->orgs[sc->top + (size_t)r];
		bool sel = sc->top + (size_t)r == sc->sel;

		ui_putf(y + r, 0, nw + 1, sel ? ui_attr(UI_S_TITLE) : A_NORMAL, 0, "%s%s",
			sel ? ">" : " ", o->name);
		for (size_t f = 0; f < sc->nforms; f++) {
			const struct yg_status *c = o->cell[f];
			attr_t a = sel && f == sc->col ? ui_attr(UI_S_SELECT) : A_NORMAL;

			ui_putf(y + r, nw + 1 + (int)f * cw, cw - 1, a, UI_PAD, "%s%s",
				c ? yg_state_label(c->state) : "--", c && c->late ? "*" : "");
		}
	}
	ui_putf(LINES - 4, 1, COLS - 2, ui_attr(UI_S_DIM), 0,
		"%s %zu  %s %zu  %s %zu  %s %zu  %s %zu  (* %s)",
		YG_L("已提交", "submitted"), counts[YG_ST_SUBMITTED],
		YG_L("已审核", "approved"), counts[YG_ST_APPROVED],
		YG_L("已退回", "returned"), counts[YG_ST_RETURNED],
		YG_L("未报", "missing"), counts[YG_ST_EMPTY] + counts[YG_ST_DRAFT],
		YG_L("逾期", "late"), late, YG_L("逾期", "late"));
	ui_draw_footer(YG_L("Enter 查看  左右键 选表  [ ] 月份  ? 帮助  q 退出",
		"Enter view  Left/Right form  [ ] month  ? help  q quit"));
}

static int scope_key(struct ui_screen *s, const struct ui_key *k)
{
	struct scope *sc = (struct scope *)s;
	const struct yg_status *c;

	switch (k->act) {
	case UI_A_UP:
		if (sc->sel > 0)
			sc->sel--;
		return UI_HANDLED;
	case UI_A_DOWN:
		if (sc->sel + 1 < sc->norgs)
			sc->sel++;
		return UI_HANDLED;
	case UI_A_LEFT:
	case UI_A_PREV:
		if (sc->col > 0)
			sc->col--;
		return UI_HANDLED;
	case UI_A_RIGHT:
	case UI_A_NEXT:
		if (sc->col + 1 < sc->nforms)
			sc->col++;
		return UI_HANDLED;
	case UI_A_PGUP:
		sc->sel = sc->sel > 10 ? sc->sel - 10 : 0;
		return UI_HANDLED;
	case UI_A_PGDN:
		sc->sel = sc->sel + 10 < sc->norgs ? sc->sel + 10 : sc->norgs ? sc->norgs - 1 : 0;
		return UI_HANDLED;
	case UI_A_PREV_MONTH:
	case UI_A_NEXT_MONTH:
		sc->period = yg_period_add(sc->period, k->act == UI_A_PREV_MONTH ? -1 : 1);
		load(sc);
		return UI_HANDLED;
	case UI_A_REFRESH:
		load(sc);
		return UI_HANDLED;
	case UI_A_ENTER:
		if (sc->norgs == 0 || sc->col >= sc->nforms)
			return UI_HANDLED;
		c = sc->orgs[sc->sel].cell[sc->col];
		if (!c) {
			ui_flash(UI_MSG_INFO, "%s", YG_L("此机构不填此表", "This unit does not file it"));
			return UI_HANDLED;
		}
		ui_form_open(c->form->key, c->org_code, sc->period, true);
		return UI_HANDLED;
	case UI_A_BACK:
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void scope_resume(struct ui_screen *s)
{
	load((struct scope *)s);
}

static void scope_leave(struct ui_screen *s)
{
	struct scope *sc = (struct scope *)s;

	scope_clear(sc);
	free(sc);
}

static const struct ui_screen_ops scope_ops = {
	.name = "scope",
	.draw = scope_draw,
	.key = scope_key,
	.resume = scope_resume,
	.leave = scope_leave,
	.help_zh =
		"辖区报表\n\n辖区内各机构本月各表的状态; * 表示逾期。\n"
		"上下键 选机构, 左右键 选表, Enter 只读查看, [ ] 换月, q 退出。",
	.help_en =
		"Returns in scope\n\nEach institution's returns for the month; * marks late ones.\n"
		"Up/Down institution, Left/Right form, Enter view read-only, [ ] month, q quit.",
};

void ui_scope_open(void)
{
	struct scope *sc = calloc(1, sizeof *sc);

	if (!sc)
		return;
	sc->base.ops = &scope_ops;
	sc->period = yg_period_add(yg_period_current(), -1);
	load(sc);
	ui_push(&sc->base);
}
