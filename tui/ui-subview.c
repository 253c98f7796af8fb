/*
 * ui-subview.c — one return as a reviewer reads it: where it stands, every
 * finding of the rules (errors, warnings with the clerk's explanations,
 * targets met, missed or not applicable), every value with the number of
 * times it changed, and the history of its states.  Enter on a value (or on
 * a finding about a value) shows that field's history from the audit trail.
 * a, r and o approve, return and reopen when the actor may.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-decide.h"
#include "ui-review.h"
#include "ui-screen.h"
#include "ui-screens.h"

enum { A_APPROVE = UI_A_SCREEN, A_RETURN, A_REOPEN };

enum line_kind { L_TEXT, L_RULE, L_FIELD };

struct line {
	enum line_kind kind;
	enum ui_style style;
	char *text;
	int field;          /* the field it is about, -1 none */
	int indent;
};

struct subview {
	struct ui_screen base;
	int64_t sub_id;
	struct yg_sub *sub;
	struct yg_findings findings;
	struct yg_audit *audit;
	size_t naudit;
	struct line *lines;
	size_t n, cap, sel, top;
	bool can_review;
};

static void push(struct subview *sv, enum line_kind kind, enum ui_style style, int field,
	int indent, char *text);

/* Adds a line (taking text); a comment, reason or explanation wider than
 * the screen is wrapped onto more lines, never cut. */
static void add(struct subview *sv, enum line_kind kind, enum ui_style style, int field,
	int indent, char *text)
{
	char **v;
	size_t n;

	if (!text || kind == L_RULE || strchr(text, '\t') || ui_width(text) <= COLS - indent - 2) {
		push(sv, kind, style, field, indent, text);
		return;
	}
	n = ui_wrap(text, COLS - indent - 4, &v);
	free(text);
	for (size_t i = 0; i < n; i++)
		push(sv, kind, style, field, i ? indent + 2 : indent, v[i]);
	free(v);
}

static void push(struct subview *sv, enum line_kind kind, enum ui_style style, int field,
	int indent, char *text)
{
	if (!text)
		return;
	if (sv->n == sv->cap) {
		size_t cap = sv->cap * 2 + 32;
		struct line *v = realloc(sv->lines, cap * sizeof *v);

		if (!v) {
			free(text);
			return;
		}
		sv->lines = v;
		sv->cap = cap;
	}
	sv->lines[sv->n++] = (struct line){ kind, style, text, field, indent };
}

static void sv_clear(struct subview *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->lines[i].text);
	free(sv->lines);
	sv->lines = NULL;
	sv->n = sv->cap = 0;
	yg_findings_free(&sv->findings);
	yg_findings_init(&sv->findings);
	yg_audit_list_free(sv->audit, sv->naudit);
	sv->audit = NULL;
	sv->naudit = 0;
	yg_sub_free(sv->sub);
	sv->sub = NULL;
}

/* "2026-11-04T10:42:05+08:00" as "2026-11-04 10:42". */
static char *when(const char *iso)
{
	char *s = yg_asprintf("%.16s", iso ? iso : "");

	if (s && strlen(s) > 10 && s[10] == 'T')
		s[10] = ' ';
	return s;
}

static const char *state_text(const char *name)
{
	int st = name ? yg_state_parse(name) : -1;

	return st >= 0 ? yg_state_label((enum yg_state)st) : name ? name : "";
}

static size_t changes_of(const struct subview *sv, const char *key)
{
	size_t n = 0;

	for (size_t i = 0; i < sv->naudit; i++)
		if (sv->audit[i].entity && !strcmp(sv->audit[i].entity, "value") &&
		    sv->audit[i].key && !strcmp(sv->audit[i].key, key))
			n++;
	return n;
}

static void add_finding(struct subview *sv, const struct yg_finding *f)
{
	const char *verdict = "", *mark;
	enum ui_style st;
	int field = f->field ? yg_field_index(sv->sub->form, f->field) : -1;

	switch (f->severity) {
	case YG_SEV_ERROR:
		mark = "x";
		st = UI_S_ERROR;
		break;
	case YG_SEV_WARNING:
		mark = "!";
		st = UI_S_WARN;
		break;
	default:
		mark = f->met == YG_MET ? "+" : f->met == YG_MISSED ? "x" : "-";
		st = f->met == YG_MET ? UI_S_OK : f->met == YG_MISSED ? UI_S_ERROR : UI_S_DIM;
		verdict = yg_met_label(f->met);
		break;
	}
	add(sv, L_FIELD, st, field, 1, yg_asprintf("%s %-4s %s%s%s", mark, f->rule, verdict,
		*verdict ? " " : "",
		YG_L(f->zh, f->en)));
	if (f->severity == YG_SEV_WARNING) {
		const char *e = yg_sub_explanation(sv->sub, f->rule);

		add(sv, L_FIELD, e && *e ? UI_S_NORMAL : UI_S_WARN, field, 7, yg_asprintf("%s: %s",
			_("explained"), e && *e ? e : _("(none)")));
	}
}

static int load(struct subview *sv)
{
	struct yg_sub *sub = NULL;
	size_t ne, nw, nt;
	int rc;

	sv_clear(sv);
	rc = yg_sub_load_id(ui_db(), sv->sub_id, &sub);
	if (rc != YG_OK)
		return rc;
	sv->sub = sub;
	sv->can_review = yg_sub_can_review(ui_db(), sub);
	if (yg_sub_check(ui_db(), sub, &sv->findings) != YG_OK)
		ui_flash_error();
	if (yg_audit_list(ui_db(), sub->id, &sv->audit, &sv->naudit) != YG_OK)
		ui_flash_error();

	/* The comment of the last decision while it still matters; the state
	 * history below keeps every one. */
	if (sub->comment && *sub->comment && (sub->state == YG_ST_REOPENED ||
	    sub->state == YG_ST_RETURNED || sub->state == YG_ST_SUBMITTED))
		add(sv, L_TEXT, UI_S_WARN, -1, 1, yg_asprintf("%s: %s",
			sub->state == YG_ST_REOPENED ? _("Reopened because") :
			sub->state == YG_ST_RETURNED ? _("Returned with") :
			_("Last returned with"), sub->comment));
	ne = yg_findings_count(&sv->findings, YG_SEV_ERROR);
	nw = yg_findings_count(&sv->findings, YG_SEV_WARNING);
	nt = yg_findings_count(&sv->findings, YG_SEV_TARGET);
	add(sv, L_RULE, UI_S_TITLE, -1, 0, yg_asprintf(
		_("Findings: %zu errors %zu warnings %zu targets"), ne, nw, nt));
	if (sv->findings.n == 0)
		add(sv, L_TEXT, UI_S_DIM, -1, 1, yg_strdup(_("Nothing found")));
	for (int sev = YG_SEV_ERROR; sev <= YG_SEV_TARGET; sev++)
		for (size_t i = 0; i < sv->findings.n; i++)
			if ((int)sv->findings.v[i].severity == sev)
				add_finding(sv, &sv->findings.v[i]);

	add(sv, L_RULE, UI_S_TITLE, -1, 0, yg_strdup(_("Values (Enter: history)")));
	for (size_t i = 0; i < sub->form->nfields; i++) {
		const struct yg_field *f = &sub->form->fields[i];
		char *v = ui_value_text(f, &sub->values[i]);
		const char *unit = yg_field_unit(f);
		size_t nch = changes_of(sv, f->key);
		char *hist = nch > 1 ? yg_asprintf(_("  (%zu changes)"),
			nch - 1) : yg_strdup("");

		add(sv, L_FIELD, UI_S_NORMAL, (int)i, 1 + 2 * f->indent,
			yg_asprintf("%s\t%s%s%s%s%s",
			yg_field_label(f), v && *v ? v : "--", unit && *v ? " " : "",
			unit && *v ? unit : "", f->derived ? _(" (auto)") : "",
			hist ? hist : ""));
		free(v);
		free(hist);
	}

	add(sv, L_RULE, UI_S_TITLE, -1, 0, yg_strdup(_("State history and thread")));
	for (size_t i = 0; i < sv->naudit; i++) {
		const struct yg_audit *a = &sv->audit[i];
		char *t;

		if (a->entity && !strcmp(a->entity, "reply") && a->comment) {
			/* The clerk's answer, in the thread where it was given. */
			t = when(a->at);
			add(sv, L_TEXT, UI_S_NORMAL, -1, 1, yg_asprintf("%s  %s%s%s%s  %s: %s",
				t ? t : "", a->login ? a->login : "", a->acting_for ? " (" : "",
				a->acting_for ? a->acting_for : "", a->acting_for ? ")" : "",
				_("replied"), a->comment));
			free(t);
			continue;
		}
		if (!a->entity || strcmp(a->entity, "state"))
			continue;
		t = when(a->at);
		add(sv, L_TEXT, UI_S_NORMAL, -1, 1, yg_asprintf("%s  %s%s%s%s  %s -> %s%s%s",
			t ? t : "", a->login ? a->login : "", a->acting_for ? " (" : "",
			a->acting_for ? a->acting_for : "", a->acting_for ? ")" : "",
			a->old_value ? state_text(a->old_value) : "--", state_text(a->new_value),
			a->comment && *a->comment ? "  " : "", a->comment ? a->comment : ""));
		free(t);
	}
	if (sv->sel >= sv->n)
		sv->sel = sv->n ? sv->n - 1 : 0;
	/* Start on the first line that says something, not on a rule. */
	while (sv->sel + 1 < sv->n && sv->lines[sv->sel].kind == L_RULE)
		sv->sel++;
	return YG_OK;
}

static void show_history(struct subview *sv, int field)
{
	const struct yg_field *f;
	char *text = yg_strdup(""), *title;

	if (field < 0 || (size_t)field >= sv->sub->form->nfields)
		return;
	f = &sv->sub->form->fields[field];
	for (size_t i = 0; text && i < sv->naudit; i++) {
		const struct yg_audit *a = &sv->audit[i];
		char *t, *next;

		if (!a->entity || strcmp(a->entity, "value") || !a->key || strcmp(a->key, f->key))
			continue;
		t = when(a->at);
		next = yg_asprintf("%s%s  %s%s%s%s\n    %s -> %s%s%s\n", text, t ? t : "",
			a->login ? a->login : "", a->acting_for ? " (" : "",
			a->acting_for ? a->acting_for : "", a->acting_for ? ")" : "",
			a->old_value ? a->old_value : _("(empty)"),
			a->new_value ? a->new_value : _("(empty)"),
			a->comment && *a->comment ? "  " : "", a->comment ? a->comment : "");
		free(t);
		free(text);
		text = next;
	}
	title = yg_asprintf("%s: %s", _("History"), yg_field_label(f));
	ui_help(title ? title : "", text && *text ? text : _("No changes recorded"));
	free(title);
	free(text);
}

static void subview_draw(struct ui_screen *s)
{
	struct subview *sv = (struct subview *)s;
	struct yg_sub *sub = sv->sub;
	int y = ui_body_top(), rows, x, lw;
	char per[8], *t;

	ui_draw_header(C_("ui-subview", "Return"));
	if (!sub) {
		ui_draw_keys(s);
		return;
	}
	yg_period_format(sub->period, per);
	x = ui_putf(y, 1, COLS - 2, ui_attr(UI_S_TITLE), 0, "%s %s", YG_L(sub->form->zh,
		sub->form->en), sub->form->key) + 1;
	x += ui_putf(y, x, COLS - x, A_NORMAL, 0, " | %s | %s | ", sub->org.name, per);
	x += ui_putf(y, x, COLS - x, ui_attr(sub->state == YG_ST_APPROVED ? UI_S_OK :
		sub->state == YG_ST_RETURNED ? UI_S_WARN : UI_S_TITLE), 0, "%c%s",
		rv_state_mark(sub->state), yg_state_label(sub->state));
	t = when(sub->updated_at);
	ui_putf(y, x, COLS - x, ui_attr(UI_S_DIM), 0, " | %s %s", sub->updated_by ?
		sub->updated_by : "", t ? t : "");
	free(t);
	y++;
	rows = ui_body_rows() - 1;
	lw = COLS * 2 / 5;
	if (sv->sel < sv->top)
		sv->top = sv->sel;
	if (rows > 0 && sv->sel >= sv->top + (size_t)rows)
		sv->top = sv->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && sv->top + (size_t)r < sv->n; r++) {
		const struct line *l = &sv->lines[sv->top + (size_t)r];
		bool sel = sv->top + (size_t)r == sv->sel;
		attr_t a = sel ? ui_attr(UI_S_SELECT) : ui_attr(l->style);
		const char *tab = strchr(l->text, '\t');

		if (l->kind == L_RULE) {
			ui_rule(y + r, l->text);
			if (sel)
				ui_put(y + r, 0, 1, ui_attr(UI_S_SELECT), 0, ">");
			continue;
		}
		if (sel) {
			attrset(a);
			mvhline(y + r, 0, ' ', COLS);
			attrset(A_NORMAL);
		}
		if (tab) {
			char *label = yg_asprintf("%.*s", (int)(tab - l->text), l->text);

			ui_put(y + r, l->indent, lw - l->indent, a, 0, label ? label : "");
			ui_put(y + r, lw + 1, COLS - lw - 2, a, 0, tab + 1);
			free(label);
		} else {
			ui_put(y + r, l->indent, COLS - l->indent - 1, a, 0, l->text);
		}
	}
	ui_draw_keys(s);
}

static int subview_key(struct ui_screen *s, const struct ui_key *k)
{
	struct subview *sv = (struct subview *)s;
	int page = ui_body_rows() - 2 > 1 ? ui_body_rows() - 2 : 1;
	bool done;

	if (ui_list_move(&sv->sel, sv->n, k->act, (size_t)page))
		return UI_HANDLED;
	switch (k->act) {
	case UI_A_ENTER:
		if (sv->sub && sv->n && sv->lines[sv->sel].field >= 0)
			show_history(sv, sv->lines[sv->sel].field);
		return UI_HANDLED;
	case UI_A_REFRESH:
		if (load(sv) != YG_OK)
			ui_flash_error();
		return UI_HANDLED;
	case A_APPROVE:
	case A_RETURN:
	case A_REOPEN:
		if (!sv->sub || !sv->can_review) {
			ui_flash(UI_MSG_WARN, "%s", _("You may not review this return"));
			return UI_HANDLED;
		}
		done = k->act == A_APPROVE ? rv_approve(sv->sub_id) : k->act == A_RETURN ?
			rv_return(sv->sub_id) : rv_reopen(sv->sub_id);
		if (ui_quitting())
			return UI_HANDLED;
		if (done && load(sv) != YG_OK)
			ui_flash_error();
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void subview_leave(struct ui_screen *s)
{
	struct subview *sv = (struct subview *)s;

	sv_clear(sv);
	yg_findings_free(&sv->findings);
	free(sv);
}

static void subview_keys(struct ui_screen *s, ui_keys_use *use, void *ctx)
{
	const struct subview *sv = (const struct subview *)s;
	/* Taken by everyone (a refusal says why), shown to those who may. */
	bool shown = sv->sub && sv->can_review, gone = !sv->sub;
	const struct ui_keydef t[] = {
		{ "a", C_("key", "approve"), _("approve (reviewers only)"),
		  .act = A_APPROVE, .ch = 'a', .quiet = !shown },
		{ "r", _("return"), _("return (a comment is required)"),
		  .act = A_RETURN, .ch = 'r', .quiet = !shown },
		{ "o", _("reopen"), _("reopen (a reason is required)"),
		  .act = A_REOPEN, .ch = 'o', .quiet = !shown },
		{ "Enter", _("history"),
		  _("history of the value (or of the value a finding is about)"), .act = UI_A_ENTER,
		  .quiet = gone },
		/* In English, a r o leave no room to name the arrows. */
		{ shown ? _("PgDn") : _("Up/Down PgDn"),
		  _("scroll"),
		  .hkey = _("Up/Down PgUp PgDn"), .help = _("move"),
		  .act = UI_A_DOWN, .quiet = gone },
		{ "F5", _("refresh"), _("refresh"), .act = UI_A_REFRESH,
		  .quiet = !gone },
		{ "Esc", _("back"), _("back"), .act = UI_A_BACK },
		{ "?", _("help"), .act = UI_A_HELP, .quiet = gone },
	};

	UI_KEYS(use, ctx, t);
}

static const struct ui_screen_ops subview_ops = {
	.name = "subview",
	.draw = subview_draw,
	.key = subview_key,
	.leave = subview_leave,
	.keys = subview_keys,
	.help_zh =
		"查看报表 (只读)\n"
		"\n"
		"检查结果: x 错误, ! 警告 (下一行为填报员的说明), 目标 + 达标 x 未达标 - 不适用。\n"
		"数值: 每项的当前值; \"改过 n 次\" 表示提交后或保存之间的修改。\n"
		"状态记录: 谁在何时提交、退回 (意见)、通过、重开 (原因)。\n"
		"\n",
	.help_en =
		N_("Return (read-only)\n"
		"\n"
		"Findings: x error, ! warning (the clerk's explanation below it), targets:\n"
		"+ met, x missed, - not applicable.\n"
		"Values: as they stand; \"n changes\" counts changes after the first entry.\n"
		"State history: who submitted, returned (comment), approved, reopened (reason).\n"
		"\n"),
};

void ui_subview_open(int64_t sub_id)
{
	struct subview *sv = calloc(1, sizeof *sv);

	if (!sv)
		return;
	sv->base.ops = &subview_ops;
	sv->sub_id = sub_id;
	rv_viewed_mark(sub_id);
	yg_findings_init(&sv->findings);
	if (load(sv) != YG_OK) {
		ui_flash_error();
		subview_leave(&sv->base);
		return;
	}
	ui_push(&sv->base);
}
