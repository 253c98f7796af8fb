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
	ui_draw_keys(s);
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
		ui_flash(UI_MSG_ERROR, "%s%s: %s", _("Correct first: "),
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
		ui_alert(_("Not saved"), yg_errmsg());
	else
		ui_flash_error();
	return UI_HANDLED;
}

static bool edit_close(struct ui_screen *s)
{
	struct edit_screen *e = (struct edit_screen *)s;

	if (!e->changed && !ui_fields_pending(&e->fields) && ui_fields_first_bad(&e->fields) < 0)
		return true;
	return ui_confirm(_("Discard changes"),
		_("Discard the changes made here?"));
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

static void edit_keys(struct ui_screen *s, ui_keys_use *use, void *ctx)
{
	const struct ui_keydef t[] = {
		{ "F2", _("save"),
		  _("save (a refusal says why and keeps the input)"), _("F2 or Ctrl-S"),
		  .act = UI_A_SAVE },
		{ "Tab", _("next"), _("move (each field is checked as you leave it)"),
		  _("Tab / Enter / Up/Down"), .act = UI_A_NEXT },
		{ _("Space"), _("choose"),
		  _("choices: next option; units: a list to pick from\n(type part of a name to filter it)"),
		  .act = UI_A_TEXT },
		{ "Esc", _("cancel"), _("cancel"), .act = UI_A_BACK },
		{ "F1", _("help"), .act = UI_A_HELP },
		{ .help =
		  _("\nDates as 2026-10-01; units picked with Space, or typed as their code.") },
	};

	(void)s;
	UI_KEYS(use, ctx, t);
}

static const struct ui_screen_ops edit_ops = {
	.name = "edit",
	.draw = edit_draw,
	.key = edit_key,
	.close = edit_close,
	.hangup = edit_hangup,
	.leave = edit_leave,
	.keys = edit_keys,
	.help_zh = "编辑记录\n\n",
	.help_en = N_("Edit a record\n\n"),
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
