/*
 * ui-edit.c — a modal editor of one set of values described by a spec: a
 * roster record, a posting's monthly activity.  The caller says how to save.
 */
#include "config.h"

#include <stdlib.h>

#include "ui-fields.h"
#include "ui-screens.h"

struct edit_screen {
	struct ui_screen base;
	char *title;
	const struct yg_form *form;
	struct ui_fields fields;
	struct yg_findings findings;
	int (*save)(void *ctx, struct yg_findings *out);
	void *ctx;
	bool changed;
	unsigned flags;
};

static void edit_draw(struct ui_screen *s)
{
	struct edit_screen *e = (struct edit_screen *)s;
	int y = ui_body_top();

	ui_draw_header(e->title);
	ui_putf(y, 1, COLS - 2, ui_attr(UI_S_TITLE), 0, "%s", e->title);
	ui_fields_draw(&e->fields, y + 1, ui_body_rows() - 1);
	ui_draw_footer(YG_L("F2 保存  Tab 下一项  空格 选择  Esc 取消  F1 帮助",
		"F2 save  Tab next  Space choose  Esc cancel  F1 help"));
}

static void note(struct edit_screen *e, int committed)
{
	int bad;

	if (committed > 0)
		e->changed = true;
	if (committed < 0 && (bad = ui_fields_first_bad(&e->fields)) >= 0)
		ui_flash(UI_MSG_ERROR, "%s: %s", yg_field_label(&e->form->fields[bad]),
			e->fields.box[bad].msg);
}

static int do_save(struct edit_screen *e)
{
	int bad, rc;

	note(e, ui_fields_commit(&e->fields));
	if ((bad = ui_fields_first_bad(&e->fields)) >= 0) {
		ui_fields_focus(&e->fields, (size_t)bad);
		ui_flash(UI_MSG_ERROR, "%s%s: %s", YG_L("请先改正 ", "Correct first: "),
			yg_field_label(&e->form->fields[bad]), e->fields.box[bad].msg);
		return UI_HANDLED;
	}
	yg_findings_free(&e->findings);
	yg_findings_init(&e->findings);
	rc = e->save(e->ctx, &e->findings);
	e->fields.findings = &e->findings;
	if (rc == YG_OK) {
		e->base.result = 1;
		return UI_POP;
	}
	/* A refusal that names a return and who can reopen it is longer than
	 * the message line: show it whole. */
	if (ui_width(yg_errmsg()) > COLS - 2)
		ui_alert(YG_L("未保存", "Not saved"), yg_errmsg());
	else
		ui_flash_error();
	return UI_HANDLED;
}

static bool edit_close(struct ui_screen *s)
{
	struct edit_screen *e = (struct edit_screen *)s;

	if (!e->changed && !ui_fields_pending(&e->fields) && ui_fields_first_bad(&e->fields) < 0)
		return true;
	return ui_confirm(YG_L("放弃修改", "Discard changes"),
		YG_L("放弃这里的修改?", "Discard the changes made here?"));
}

static int edit_key(struct ui_screen *s, const struct ui_key *k)
{
	struct edit_screen *e = (struct edit_screen *)s;
	int committed = 0, flags;

	if (k->act == UI_A_SAVE)
		flags = do_save(e);
	else if (k->act == UI_A_QUIT)
		flags = edit_close(s) ? UI_POP : UI_HANDLED;
	else if (k->act == UI_A_SUBMIT)
		flags = UI_HANDLED;
	else {
		flags = ui_fields_key(&e->fields, k, &committed);
		note(e, committed);
	}
	s->text_input = ui_fields_text_input(&e->fields);
	return flags;
}

static void edit_hangup(struct ui_screen *s)
{
	struct edit_screen *e = (struct edit_screen *)s;

	if (!(e->flags & UI_EDIT_SAVE_ON_HANGUP))
		return;
	note(e, ui_fields_commit(&e->fields));
	if (!e->changed || ui_fields_first_bad(&e->fields) >= 0)
		return;
	yg_findings_free(&e->findings);
	yg_findings_init(&e->findings);
	e->save(e->ctx, &e->findings);
}

static void edit_leave(struct ui_screen *s)
{
	struct edit_screen *e = (struct edit_screen *)s;

	ui_fields_free(&e->fields);
	yg_findings_free(&e->findings);
	free(e->title);
	free(e);
}

static const struct ui_screen_ops edit_ops = {
	.name = "edit",
	.draw = edit_draw,
	.key = edit_key,
	.close = edit_close,
	.hangup = edit_hangup,
	.leave = edit_leave,
	.help_zh =
		"编辑记录\n\n"
		"Tab / Enter / 上下键  换项 (离开时检查本项)\n"
		"空格                 选择题换下一个选项; 机构栏打开机构列表 (可输入名称筛选)\n"
		"F2 或 Ctrl-S         保存 (不通过检查时说明原因, 输入保留)\n"
		"Esc                  取消\n\n"
		"日期写作 2026-10-01; 机构可按空格从列表中选, 也可直接写机构代码。",
	.help_en =
		"Edit a record\n\n"
		"Tab / Enter / Up/Down  move (each field is checked as you leave it)\n"
		"Space                  choices: next option; units: a list to pick from\n"
		"                       (type part of a name to filter it)\n"
		"F2 or Ctrl-S           save (a refusal says why and keeps the input)\n"
		"Esc                    cancel\n\n"
		"Dates as 2026-10-01; units picked with Space, or typed as their code.",
};

bool ui_values_edit(const char *title, const struct yg_form *form, struct yg_value *values,
	int (*save)(void *ctx, struct yg_findings *out), void *ctx)
{
	return ui_values_edit_flags(title, form, values, save, ctx, 0);
}

bool ui_values_edit_flags(const char *title, const struct yg_form *form,
	struct yg_value *values, int (*save)(void *ctx, struct yg_findings *out), void *ctx,
	unsigned flags)
{
	struct edit_screen *e = calloc(1, sizeof *e);

	if (!e)
		return false;
	e->base.ops = &edit_ops;
	e->flags = flags;
	e->title = yg_strdup(title);
	e->form = form;
	e->save = save;
	e->ctx = ctx;
	yg_findings_init(&e->findings);
	if (ui_fields_init(&e->fields, form->fields, form->nfields, values, true) != YG_OK) {
		edit_leave(&e->base);
		return false;
	}
	e->base.text_input = ui_fields_text_input(&e->fields);
	return ui_modal(&e->base) == 1;
}
