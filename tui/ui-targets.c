/*
 * ui-targets.c — the admin's targets screen: every row of the reference
 * table (a threshold for a tier, in force from a month, optionally to a
 * month), edited in place or superseded from a month, and the first month
 * of the volume-procurement contract year (T13).  Every change goes through
 * the core (yg_target_put, yg_setting_set_int), which checks the role,
 * refuses what does not fit and audits what it does.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-review.h"
#include "ui-screen.h"
#include "ui-screens.h"

enum { A_SUPERSEDE = UI_A_SCREEN, A_CONTRACT };

enum { TF_THRESHOLD, TF_FROM, TF_TO, TF_N };

/* [0] edits a row, [1] adds one from a month (the month is required). */
static struct yg_field target_fields[2][TF_N];
static struct yg_form target_forms[2];

static void target_specs(void)
{
	for (int e = 0; e < 2; e++) {
		struct yg_field *f = target_fields[e];

		f[TF_THRESHOLD] = (struct yg_field){ .key = "threshold", .zh = "阈值",
			.en = N_("Threshold"), .type = YG_T_COUNT, .min = 0, .max = 1000000,
			.required = true };
		/* Months are typed YYYY-MM; the save checks them. */
		f[TF_FROM] = (struct yg_field){ .key = "from", .zh = "起始月份 (YYYY-MM, 空为一直)",
			.en = N_("From (YYYY-MM, empty: always)"), .type = YG_T_CODE, .min = 0,
			.max = 7, .required = e == 1 };
		f[TF_TO] = (struct yg_field){ .key = "to", .zh = "截止月份 (YYYY-MM, 空为不限)",
			.en = N_("To (YYYY-MM, empty: open)"), .type = YG_T_CODE, .min = 0, .max = 7 };
		target_forms[e] = (struct yg_form){ .key = "target", .zh = "目标阈值",
			.en = N_("Target threshold"), .fields = target_fields[e], .nfields = TF_N };
	}
}

struct targets {
	struct ui_screen base;
	struct yg_target *v;
	size_t n, sel, top;
};

static void targets_load(struct targets *t)
{
	yg_target_list_free(t->v, t->n);
	t->v = NULL;
	t->n = 0;
	if (yg_target_list(ui_db(), NULL, &t->v, &t->n) != YG_OK)
		ui_flash_error();
	if (t->sel >= t->n)
		t->sel = t->n ? t->n - 1 : 0;
}

struct target_edit {
	struct yg_value values[TF_N];
	const struct yg_target *row;
	bool adding;
};

/* An empty box is 0 (from: always; to: open). */
static int month_of(const struct yg_value *v, const char *what_zh, const char *what_en,
	yg_period *out)
{
	*out = 0;
	if (!v->set || !v->text || !*v->text)
		return YG_OK;
	if (yg_period_parse(v->text, out) != YG_OK)
		return yg_fail(YG_EINVAL,
			"%s \"%s\" is not a month: YYYY-MM", YG_L(what_zh, what_en), v->text);
	return YG_OK;
}

static int target_save(void *ctx, struct yg_findings *out)
{
	struct target_edit *e = ctx;
	struct yg_target t = { .id = e->row->id, .tier = e->row->tier };
	int rc;

	(void)out;
	if (!e->values[TF_THRESHOLD].set)
		return yg_fail(YG_EINVAL, "the threshold is required");
	t.threshold = e->values[TF_THRESHOLD].num;
	if ((rc = month_of(&e->values[TF_FROM], "起始月份", N_("From"), &t.from)) != YG_OK ||
	    (rc = month_of(&e->values[TF_TO], "截止月份", N_("To"), &t.to)) != YG_OK)
		return rc;
	if (e->adding && !t.from)
		return yg_fail(YG_EINVAL, "a new threshold needs its first month");
	return yg_target_put(ui_db(), &t, e->adding ? -1 : e->row->from);
}

static void set_month(struct yg_value *v, yg_period p)
{
	char buf[8];

	yg_value_clear(v);
	if (p) {
		yg_period_format(p, buf);
		v->set = true;
		v->text = yg_strdup(buf);
	}
}

static void target_edit(const struct yg_target *row, bool adding)
{
	struct target_edit e = { .row = row, .adding = adding };
	char *title;

	e.values[TF_THRESHOLD].set = true;
	e.values[TF_THRESHOLD].num = row->threshold;
	if (adding) {
		set_month(&e.values[TF_FROM], yg_period_current());
	} else {
		set_month(&e.values[TF_FROM], row->from);
		set_month(&e.values[TF_TO], row->to);
	}
	title = yg_asprintf("%s %s%s%s", adding ? _("New threshold from") :
		_("Edit target"), row->id, row->tier ? " " : "",
		row->tier ? yg_tier_label(row->tier) : "");
	if (ui_values_edit(title ? title : "", &target_forms[adding ? 1 : 0], e.values,
	    target_save, &e) && !ui_quitting())
		ui_flash(UI_MSG_OK, "%s", _("Saved (audited)"));
	free(title);
	for (int i = 0; i < TF_N; i++)
		yg_value_clear(&e.values[i]);
}

bool ui_contract_start_edit(void)
{
	return ui_int_setting_edit(YG_SET_CONTRACT_START, 1, 1, 12,
		_("Contract year"),
		_("The volume-procurement contract year starts in month (1-12; T13's pace):"),
		_("Contract year starts in month %ld"));
}

/* The table's units, as a reader says them. */
static const char *unit_label(const char *unit)
{
	if (!unit)
		return "";
	if (!strcmp(unit, "percent"))
		return "%";
	if (!strcmp(unit, "count"))
		return _("persons");
	if (!strcmp(unit, "months"))
		return _("months");
	if (!strcmp(unit, "days"))
		return _("days");
	return unit;
}

static void targets_draw(struct ui_screen *s)
{
	struct targets *t = (struct targets *)s;
	int y = ui_body_top(), rows = ui_body_rows() - 2;

	ui_draw_header(C_("ui-targets", "Targets"));
	ui_putf(y, 1, COLS - 2, ui_attr(UI_S_TITLE), 0, "%s  %zu  |  %s %d %s",
		C_("ui-targets", "Targets"), t->n, _("contract year from month"),
		yg_setting_get_int(ui_db(), YG_SET_CONTRACT_START, 1), YG_L("月", ""));
	y++;
	ui_put(y, 1, 6, ui_attr(UI_S_TITLE), 0, C_("ui-targets", "Id"));
	ui_put(y, 7, 6, ui_attr(UI_S_TITLE), 0, C_("ui-targets", "Tier"));
	ui_put(y, 14, 16, ui_attr(UI_S_TITLE), 0, _("Threshold"));
	ui_put(y, 31, 18, ui_attr(UI_S_TITLE), 0, _("In force"));
	ui_put(y, 50, COLS - 51, ui_attr(UI_S_TITLE), 0, _("Source"));
	y++;
	if (t->sel < t->top)
		t->top = t->sel;
	if (rows > 0 && t->sel >= t->top + (size_t)rows)
		t->top = t->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && t->top + (size_t)r < t->n; r++) {
		size_t i = t->top + (size_t)r;
		const struct yg_target *x = &t->v[i];
		bool sel = i == t->sel;
		attr_t a = sel ? ui_attr(UI_S_SELECT) : A_NORMAL;
		char from[8] = "", to[8] = "";

		if (x->from)
			yg_period_format(x->from, from);
		if (x->to)
			yg_period_format(x->to, to);
		if (sel) {
			attrset(a);
			mvhline(y + r, 0, ' ', COLS);
			attrset(A_NORMAL);
		}
		ui_putf(y + r, 0, 6, a, 0, "%s%s", sel ? ">" : " ", x->id);
		ui_put(y + r, 7, 6, a, 0, x->tier ? yg_tier_label(x->tier) : "-");
		ui_putf(y + r, 14, 16, a, 0, "%lld%s%s", (long long)x->threshold,
			x->unit && strcmp(x->unit, "percent") ? " " : "", unit_label(x->unit));
		ui_putf(y + r, 31, 18, a, 0, "%s..%s", *from ? from : _("always"),
			to);
		ui_put(y + r, 50, COLS - 51, a, 0, x->source ? x->source : "");
	}
	ui_draw_keys(s);
}

static int targets_key(struct ui_screen *s, const struct ui_key *k)
{
	struct targets *t = (struct targets *)s;
	int page = ui_body_rows() - 3 > 1 ? ui_body_rows() - 3 : 1;

	if (ui_list_move(&t->sel, t->n, k->act, (size_t)page))
		return UI_HANDLED;
	switch (k->act) {
	case UI_A_ENTER:
	case A_SUPERSEDE:
		if (t->n) {
			/* A copy: the list is reloaded below. */
			struct yg_target row = t->v[t->sel];

			target_edit(&row, k->act == A_SUPERSEDE);
		}
		break;
	case A_CONTRACT:
		ui_contract_start_edit();
		break;
	case UI_A_REFRESH:
		break;
	default:
		return UI_UNHANDLED;
	}
	if (!ui_quitting())
		targets_load(t);
	return UI_HANDLED;
}

static void targets_leave(struct ui_screen *s)
{
	struct targets *t = (struct targets *)s;

	yg_target_list_free(t->v, t->n);
	free(t);
}

static void targets_keys(struct ui_screen *s, ui_keys_use *use, void *ctx)
{
	const struct ui_keydef t[] = {
		{ "Enter", _("edit"),
		  _("edit the row's threshold, first and last month"), .act = UI_A_ENTER },
		{ "n", _("new from a month"),
		  _("a new threshold from a month: the row in force ends the month\n"
		  "before, the months before keep theirs"), .act = A_SUPERSEDE, .ch = 'n' },
		{ "C", _("contract year"),
		  _("the first month of the volume-procurement contract year (T13)"),
		  .act = A_CONTRACT, .ch = 'C' },
		{ "Esc", _("back"), .act = UI_A_BACK },
		{ "?", _("help"), .act = UI_A_HELP },
		{ .help =
		  _("Every change is audited.  The policy's words: yigong check --explain T4.") },
	};

	(void)s;
	UI_KEYS(use, ctx, t);
}

static const struct ui_screen_ops targets_ops = {
	.name = "admin-targets",
	.draw = targets_draw,
	.key = targets_key,
	.leave = targets_leave,
	.keys = targets_keys,
	.help_zh =
		"目标阈值 (仅管理员)\n"
		"\n"
		"每行是一个目标在某一级别的阈值, 自起始月份起生效, 可有截止月份;\n"
		"起始月份之前显示为 \"未生效\", 不算未达标。\n"
		"\n",
	.help_en =
		N_("Targets (admins only)\n"
		"\n"
		"Each row is a target's threshold for a tier, in force from a month and\n"
		"optionally to a month; before it the target shows \"not in force\",\n"
		"never missed.\n"
		"\n"),
};

void ui_admin_targets_open(void)
{
	struct targets *t;

	if (yg_actor(ui_db())->role != YG_ROLE_ADMIN) {
		ui_flash(UI_MSG_WARN, "%s", _("Only admins change targets"));
		return;
	}
	t = calloc(1, sizeof *t);
	if (!t)
		return;
	target_specs();
	t->base.ops = &targets_ops;
	targets_load(t);
	ui_push(&t->base);
}
