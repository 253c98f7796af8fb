/*
 * ui-form.c — entering one monthly return, generated from its spec.
 *
 * Values live in the submission (struct yg_sub) the core loaded; the boxes
 * (ui-fields.c) hold what was typed.  Leaving a box parses it, refreshes the
 * findings and, when a value changed and the return is editable, saves the
 * draft at once, so a dropped connection loses at most the box being typed
 * in — and SIGHUP saves that one too.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-fields.h"
#include "ui-screens.h"

enum { A_ROSTER = UI_A_SCREEN, A_CONFIRM };

struct form_screen {
	struct ui_screen base;
	struct yg_sub *sub;
	struct yg_sub *prev;  /* last month's return when submitted or approved */
	struct ui_fields fields;
	struct yg_findings findings;
	bool editable;
	bool dirty;           /* values in memory differ from the stored ones */
	char saved_at[6];     /* HH:MM of the last save, "" before any */
	const char *roster;   /* the roster behind its derived fields (F4), or NULL */
	char *org_code;
	char *form_key;
	yg_period period;
	bool read_only;       /* asked for read-only */
	bool conflict;        /* the last save lost to someone else's */
};

static struct form_screen *fs_of(struct ui_screen *s)
{
	return (struct form_screen *)s;
}

static void refresh_findings(struct form_screen *fs)
{
	yg_findings_free(&fs->findings);
	yg_findings_init(&fs->findings);
	if (yg_sub_check(ui_db(), fs->sub, &fs->findings) != YG_OK)
		ui_flash_error();
	fs->fields.findings = &fs->findings;
}

static void stamp_saved(struct form_screen *fs)
{
	char *iso = yg_now_iso();

	/* "2026-11-23T15:04:05+08:00": the hour and minute. */
	snprintf(fs->saved_at, sizeof fs->saved_at, "%.5s", iso && strlen(iso) > 16 ? iso + 11 : "");
	free(iso);
}

static int save(struct form_screen *fs)
{
	int rc = yg_sub_save(ui_db(), fs->sub);

	if (rc == YG_OK) {
		fs->dirty = false;
		stamp_saved(fs);
	}
	fs->conflict = rc == YG_ECONFLICT;
	return rc;
}

/* After leaving a box: findings and autosave. */
static void after_commit(struct form_screen *fs, int committed)
{
	if (committed < 0) {
		int bad = ui_fields_first_bad(&fs->fields);

		if (bad >= 0)
			ui_flash(UI_MSG_ERROR, "%s: %s", yg_field_label(&fs->fields.f[bad]),
				fs->fields.box[bad].msg);
		return;
	}
	if (committed == 0)
		return;
	fs->dirty = true;
	refresh_findings(fs);
	if (!fs->editable)
		return;
	if (save(fs) == YG_OK)
		ui_flash(UI_MSG_OK, "%s %s", _("Saved automatically at"), fs->saved_at);
	else
		ui_flash_error();
}

/*
 * Last month's figures beside every field, and a snapshot form's empty
 * fields starting from last month's approved ones, marked carried forward
 * until confirmed (leaving the box, or F6 for all): a stock rarely moves,
 * but an unseen copy must not be submitted as this month's word.
 */
static void load_last_month(struct form_screen *fs)
{
	struct yg_sub *prev = NULL;

	yg_sub_free(fs->prev);
	fs->prev = NULL;
	fs->fields.last = NULL;
	if (yg_sub_load(ui_db(), fs->form_key, fs->org_code, yg_period_add(fs->period, -1),
	    &prev) != YG_OK)
		return;
	if (prev->state != YG_ST_SUBMITTED && prev->state != YG_ST_APPROVED) {
		yg_sub_free(prev);
		return;
	}
	fs->prev = prev;
	fs->fields.last = prev->values;
	if (!fs->editable || !fs->sub->form->snapshot || prev->state != YG_ST_APPROVED)
		return;
	for (size_t i = 0; i < fs->sub->form->nfields; i++) {
		const struct yg_field *f = &fs->sub->form->fields[i];

		if (!f->derived && !f->flow && !fs->sub->values[i].set && prev->values[i].set)
			ui_fields_carry(&fs->fields, i, &prev->values[i]);
	}
}

static int load(struct form_screen *fs)
{
	struct yg_sub *sub = NULL;
	int rc = yg_sub_load(ui_db(), fs->form_key, fs->org_code, fs->period, &sub);
	size_t focus = 0, top = 0;

	if (rc != YG_OK)
		return rc;
	if (fs->sub) {
		/* Reloaded (back from a roster, F5): stay on the same field. */
		focus = fs->fields.focus;
		top = fs->fields.top;
		ui_fields_free(&fs->fields);
		yg_sub_free(fs->sub);
	}
	fs->sub = sub;
	fs->editable = !fs->read_only && yg_sub_can_edit(ui_db(), sub);
	rc = ui_fields_init(&fs->fields, sub->form->fields, sub->form->nfields, sub->values,
		fs->editable);
	if (rc != YG_OK)
		return rc;
	if (focus && focus < fs->fields.n &&
	    (!fs->editable || ui_fields_can_edit(&fs->fields, focus))) {
		ui_fields_focus(&fs->fields, focus);
		fs->fields.top = top;
	}
	load_last_month(fs);
	fs->dirty = false;
	fs->conflict = false;
	fs->saved_at[0] = '\0';
	refresh_findings(fs);
	fs->base.text_input = ui_fields_text_input(&fs->fields);
	return YG_OK;
}

static bool is_required(const struct yg_finding *f)
{
	return !strcmp(f->rule, "REQ");
}

/* Lines the findings panel wants: one per finding, the empty required
 * fields summed up in one. */
static int findings_lines(const struct form_screen *fs)
{
	size_t req = 0, expl = 0;

	for (size_t i = 0; i < fs->findings.n; i++) {
		const struct yg_finding *f = &fs->findings.v[i];
		const char *e = f->severity == YG_SEV_WARNING ?
			yg_sub_explanation(fs->sub, f->rule) : NULL;

		req += is_required(f);
		expl += e && *e;
	}
	return (int)(fs->findings.n - req + expl) + (req > 0);
}

static void draw_findings(struct form_screen *fs, int y, int rows)
{
	int want = findings_lines(fs), shown = 0;
	size_t req = 0;
	char *title;

	title = yg_asprintf("%s %zu", _("Findings"), fs->findings.n);
	ui_rule(y, title);
	free(title);
	for (size_t i = 0; i < fs->findings.n; i++)
		req += is_required(&fs->findings.v[i]);
	if (req && shown < rows) {
		ui_putf(y + 1 + shown, 1, COLS - 2, ui_attr(UI_S_ERROR), 0, "x %-4s %zu %s", "REQ",
			req, _("required fields empty (a draft may be saved, not submitted)"));
		shown++;
	}
	/* Errors first, then warnings, then targets. */
	for (int sev = YG_SEV_ERROR; sev <= YG_SEV_TARGET; sev++) {
		for (size_t i = 0; i < fs->findings.n && shown < rows; i++) {
			const struct yg_finding *f = &fs->findings.v[i];
			const char *expl;
			enum ui_style st;
			int w;

			if ((int)f->severity != sev || is_required(f))
				continue;
			if (shown == rows - 1 && want > rows) {
				ui_putf(y + 1 + shown, 2, COLS - 3, ui_attr(UI_S_DIM), 0,
					"%s %d %s",
					_("... and"), want - shown,
					_("more (all listed on submit)"));
				shown++;
				break;
			}
			st = sev == YG_SEV_ERROR ? UI_S_ERROR : sev == YG_SEV_WARNING ? UI_S_WARN :
				f->met == YG_MISSED ? UI_S_WARN : UI_S_DIM;
			w = ui_width(yg_severity_label(f->severity)) + 3;
			ui_putf(y + 1 + shown, 1, COLS - w - 2, ui_attr(st), 0, "%s %-4s %s",
				sev == YG_SEV_ERROR ? "x" : sev == YG_SEV_WARNING ? "!" :
				f->met == YG_MISSED ? "x" : f->met == YG_MET ? "v" : "-",
				f->rule, YG_L(f->zh, f->en));
			ui_putf(y + 1 + shown, COLS - w, w, ui_attr(st), 0, "[%s]",
				yg_severity_label(f->severity));
			expl = sev == YG_SEV_WARNING ? yg_sub_explanation(fs->sub, f->rule) : NULL;
			if (expl && *expl && shown + 1 < rows) {
				shown++;
				ui_putf(y + 1 + shown, 7, COLS - 8, ui_attr(UI_S_DIM), 0, "%s: %s",
					_("explained"), expl);
			}
			shown++;
		}
	}
}

static void form_draw(struct ui_screen *s)
{
	struct form_screen *fs = fs_of(s);
	struct yg_sub *sub = fs->sub;
	int top = ui_body_top(), rows = ui_body_rows(), panel, y, x;
	char period[8];

	ui_draw_header(_("Data entry"));
	yg_period_format(sub->period, period);
	y = top;
	x = ui_putf(y, 1, COLS - 2, ui_attr(UI_S_TITLE), 0, "%s %s", YG_L(sub->form->zh,
		sub->form->en), sub->form->key) + 1;
	x += ui_putf(y, x, COLS - x, A_NORMAL, 0, " | %s | %s | ", sub->org.name, period);
	x += ui_put(y, x, COLS - x, ui_attr(sub->state == YG_ST_RETURNED ? UI_S_WARN : UI_S_OK),
		0, yg_state_label(sub->state));
	if (!fs->editable)
		x += ui_putf(y, x, COLS - x, ui_attr(UI_S_DIM), 0, " | %s",
			_("read-only"));
	if (fs->conflict)
		ui_putf(y, x, COLS - x, ui_attr(UI_S_ERROR), 0, " | %s",
			_("conflict: F5 reloads"));
	else if (fs->editable && fs->saved_at[0])
		ui_putf(y, x, COLS - x, ui_attr(UI_S_OK), 0, " | %s %s",
			_("saved"), fs->saved_at);
	y++;
	rows--;
	if (sub->comment && *sub->comment &&
	    (sub->state == YG_ST_RETURNED || sub->state == YG_ST_REOPENED)) {
		/* In full, wrapped (up to four lines): the clerk must read all of it. */
		char *c = yg_asprintf("%s: %s", sub->state == YG_ST_RETURNED ?
			C_("ui-form", "Returned") : C_("ui-form", "Reopened"), sub->comment);
		int n = ui_put_wrapped(y, 1, COLS - 2, rows / 4 > 1 ? (rows / 4 < 4 ? rows / 4 : 4) : 1,
			ui_attr(UI_S_WARN), c ? c : "");

		free(c);
		y += n;
		rows -= n;
	}
	/* The findings take up to a third of the body, at least their rule. */
	panel = fs->findings.n ? findings_lines(fs) + 1 : 0;
	if (panel > rows / 3 + 1)
		panel = rows / 3 + 1;
	ui_fields_draw(&fs->fields, y, rows - panel);
	if (panel)
		draw_findings(fs, y + rows - panel, panel - 1);
	ui_draw_keys(s);
}

/* The first box holding refused text: focus it and say so.  true if any. */
static bool stop_at_bad(struct form_screen *fs, const char *what)
{
	int bad = ui_fields_first_bad(&fs->fields);

	if (bad < 0)
		return false;
	ui_fields_focus(&fs->fields, (size_t)bad);
	ui_flash(UI_MSG_ERROR, "%s%s: %s", what, yg_field_label(&fs->fields.f[bad]),
		fs->fields.box[bad].msg);
	return true;
}

static void do_save(struct form_screen *fs)
{
	after_commit(fs, ui_fields_commit(&fs->fields));
	if (!fs->editable)
		return;
	if (save(fs) != YG_OK) {
		/* A conflict keeps the input: the user decides what to do. */
		ui_alert(_("Not saved"), yg_errmsg());
		return;
	}
	if (!stop_at_bad(fs, _("Saved; not stored: ")))
		ui_flash(UI_MSG_OK, "%s %s", _("Saved at"), fs->saved_at);
}

/* Lists findings of one severity, one a line. */
static char *list_findings(const struct yg_findings *f, int sev)
{
	char *s = yg_strdup(""), *t;

	for (size_t i = 0; s && i < f->n; i++) {
		if ((int)f->v[i].severity != sev)
			continue;
		t = yg_asprintf("%s%s %s\n", s, f->v[i].rule, YG_L(f->v[i].zh, f->v[i].en));
		free(s);
		s = t;
	}
	return s;
}

static void do_submit(struct form_screen *fs)
{
	struct yg_findings out;
	char *text;
	int rc;

	if (!fs->editable) {
		ui_flash(UI_MSG_WARN, "%s (%s)", _("This return cannot be submitted"),
			yg_state_label(fs->sub->state));
		return;
	}
	after_commit(fs, ui_fields_commit(&fs->fields));
	if (stop_at_bad(fs, _("Correct first: ")))
		return;
	refresh_findings(fs);
	if (yg_findings_count(&fs->findings, YG_SEV_ERROR) > 0) {
		text = list_findings(&fs->findings, YG_SEV_ERROR);
		ui_alert(_("Errors block submission"), text ? text : "");
		free(text);
		return;
	}
	/* Each warning needs the clerk's explanation (说明).  A return that came
	 * back (returned, reopened) shows the old one to confirm or change: the
	 * reviewer may have sent it back for that very text. */
	for (size_t i = 0; i < fs->findings.n; i++) {
		const struct yg_finding *f = &fs->findings.v[i];
		bool again = fs->sub->state == YG_ST_RETURNED || fs->sub->state == YG_ST_REOPENED;
		const char *have;
		char *body, *answer;

		if (f->severity != YG_SEV_WARNING)
			continue;
		have = yg_sub_explanation(fs->sub, f->rule);
		if (have && *have && !again)
			continue;
		body = yg_asprintf("%s %s\n%s", f->rule, YG_L(f->zh, f->en), have && *have ?
			_("Confirm or change the explanation to submit (Esc cancels):") :
			_("Explain it to submit (Esc cancels the submission):"));
		answer = ui_prompt(_("Explanation needed"), body, have, true);
		free(body);
		if (ui_quitting())
			return;
		if (!answer) {
			ui_flash(UI_MSG_WARN, "%s", _("Not submitted"));
			return;
		}
		rc = yg_sub_explain(fs->sub, f->rule, answer);
		free(answer);
		if (rc != YG_OK) {
			ui_flash_error();
			return;
		}
		fs->dirty = true;
	}
	/* A return that came back: the clerk may answer the reviewer, and the
	 * answer joins the return's thread. */
	if ((fs->sub->state == YG_ST_RETURNED || fs->sub->state == YG_ST_REOPENED) &&
	    fs->sub->comment && *fs->sub->comment) {
		char *body = yg_asprintf("%s: %s\n\n%s", fs->sub->state == YG_ST_RETURNED ?
			_("Returned with") : _("Reopened because"),
			fs->sub->comment,
			_("Reply to the reviewer (optional: Enter skips; Esc cancels):"));
		char *answer = ui_prompt(_("Reply"), body ? body : "", fs->sub->reply,
			false);

		free(body);
		if (ui_quitting())
			return;
		if (!answer) {
			ui_flash(UI_MSG_WARN, "%s", _("Not submitted"));
			return;
		}
		free(fs->sub->reply);
		fs->sub->reply = answer;
	}
	if (!ui_confirm(_("Submit"),
		_("Once submitted it cannot be changed unless returned. Submit?"))) {
		if (!ui_quitting())
			ui_flash(UI_MSG_WARN, "%s", _("Not submitted"));
		return;
	}
	yg_findings_init(&out);
	rc = yg_sub_submit(ui_db(), fs->sub, &out);
	if (rc == YG_OK) {
		yg_findings_free(&out);
		if (load(fs) != YG_OK)
			ui_flash_error();
		else
			ui_flash(UI_MSG_OK, "%s", _("Submitted"));
		return;
	}
	{
		char *e = list_findings(&out, YG_SEV_ERROR);
		char *w = list_findings(&out, YG_SEV_WARNING);

		text = yg_asprintf("%s\n\n%s%s", yg_errmsg(), e ? e : "", w ? w : "");
		free(e);
		free(w);
	}
	yg_findings_free(&out);
	ui_alert(_("Not submitted"), text ? text : yg_errmsg());
	free(text);
}

/* Esc or quit: anything not stored yet is saved, dropped, or the user
 * stays. */
static bool form_close(struct ui_screen *s)
{
	static const struct ui_choice choices[] = {
		{ 's', "保存", N_("save") },
		{ 'd', "放弃", N_("discard") },
		{ 'c', "取消", N_("cancel") },
	};
	struct form_screen *fs = fs_of(s);
	int pick;

	if (!fs->editable || (!fs->dirty && !ui_fields_pending(&fs->fields) &&
	    ui_fields_first_bad(&fs->fields) < 0))
		return true;
	pick = ui_choose(_("Unsaved changes"),
		ui_fields_first_bad(&fs->fields) >= 0 ?
		_("This return has changes not saved yet; boxes marked x are wrong and "
		"will not be stored.") :
		_("This return has changes not saved yet."),
		choices, 3);
	if (pick == 1)
		return true;
	if (pick != 0)
		return false;
	after_commit(fs, ui_fields_commit(&fs->fields));
	if (fs->dirty && save(fs) != YG_OK) {
		ui_alert(_("Not saved"), yg_errmsg());
		return false;
	}
	return true;
}

static int form_key(struct ui_screen *s, const struct ui_key *k)
{
	struct form_screen *fs = fs_of(s);
	int committed = 0, flags = UI_HANDLED;

	switch (k->act) {
	case UI_A_SAVE:
		do_save(fs);
		break;
	case UI_A_SUBMIT:
		do_submit(fs);
		break;
	case A_CONFIRM:
		if (!fs->editable || !ui_fields_carried(&fs->fields))
			return UI_UNHANDLED;
		after_commit(fs, ui_fields_confirm_carried(&fs->fields));
		break;
	case A_ROSTER:
		if (!fs->roster)
			return UI_UNHANDLED;
		after_commit(fs, ui_fields_commit(&fs->fields));
		ui_roster_open(fs->roster, fs->period);
		break;
	case UI_A_REFRESH:
		if ((fs->dirty || ui_fields_pending(&fs->fields)) &&
		    !ui_confirm(_("Reload"),
		    _("Drop the unsaved changes and load again?")))
			break;
		if (load(fs) != YG_OK)
			ui_flash_error();
		break;
	default:
		flags = ui_fields_key(&fs->fields, k, &committed);
		after_commit(fs, committed);
		break;
	}
	if (!ui_quitting())
		s->text_input = ui_fields_text_input(&fs->fields);
	return flags;
}

static void form_resume(struct ui_screen *s)
{
	struct form_screen *fs = fs_of(s);

	/* Records may have changed the derived fields. */
	if (!fs->dirty && !ui_fields_pending(&fs->fields) && load(fs) != YG_OK)
		ui_flash_error();
}

static void form_hangup(struct ui_screen *s)
{
	struct form_screen *fs = fs_of(s);

	if (!fs->editable)
		return;
	if (ui_fields_commit(&fs->fields) > 0)
		fs->dirty = true;
	if (fs->dirty)
		save(fs);
}

static void form_leave(struct ui_screen *s)
{
	struct form_screen *fs = fs_of(s);

	ui_fields_free(&fs->fields);
	yg_findings_free(&fs->findings);
	yg_sub_free(fs->sub);
	yg_sub_free(fs->prev);
	free(fs->org_code);
	free(fs->form_key);
	free(fs);
}

static void form_keys(struct ui_screen *s, ui_keys_use *use, void *ctx)
{
	struct form_screen *fs = fs_of(s);
	bool edit = fs->editable, carried = edit && ui_fields_carried(&fs->fields);
	const struct ui_keydef t[] = {
		{ "F6", _("confirm carried"),
		  _("snapshot forms (staffing): confirm every figure carried\n"
		  "from last month (leaving a box confirms that one)"),
		  _("F6 or Ctrl-O"), A_CONFIRM, .code = KEY_F(6),
		  .ch = 'O' & 0x1f, .anywhere = true, .off = !carried },
		{ "F2", _("save"),
		  _("save the draft (a draft need not be complete)"), _("F2 or Ctrl-S"),
		  UI_A_SAVE, .quiet = !edit },
		{ "F10", _("submit"),
		  _("submit: errors must be corrected; every warning\nneeds an explanation"),
		  _("F10 or Ctrl-X / Ctrl-T"), UI_A_SUBMIT, .quiet = !edit },
		{ _("Up/Down"), _("move"), .act = UI_A_DOWN, .quiet = edit },
		{ "Tab", _("next"), _("next field (checks it and saves the draft)"),
		  _("Tab / Enter / Down"), UI_A_NEXT, .quiet = !edit },
		{ .hkey = _("Shift-Tab / Up"),
		  .help = _("previous field"), .act = UI_A_PREV },
		{ .hkey = "PgUp / PgDn", .help = _("page"), .act = UI_A_PGDN },
		{ .hkey = _("Left Right Home End"),
		  .help = _("move in the box; Backspace Delete erase; Ctrl-U clear") },
		{ .hkey = _("Space"), .help = _("choices and yes/no: next option") },
		{ "F4", _("roster"),
		  _("open the related roster (postings, referrals)"), _("F4 or Ctrl-R"),
		  A_ROSTER, .code = KEY_F(4), .ch = 'R' & 0x1f, .anywhere = true,
		  .off = !fs->roster, .quiet = carried },
		{ "PgDn", C_("ui-form", "page"), .act = UI_A_PGDN, .quiet = fs->roster || carried },
		{ "F5", .help = _("load again"), .hkey = _("F5 or Ctrl-L"),
		  .act = UI_A_REFRESH },
		{ "Esc", _("back"),
		  _("back (asks when changes are not saved)"), .act = UI_A_BACK },
		{ "F1", _("help"), .act = UI_A_HELP },
		{ .help =
		  _("\nAn x beside a box is that field's problem: the text was not stored.\n"
		  "! marks a warning.  The findings below are checks across fields.\n"
		  "Fields marked (auto) are computed from the rosters.") },
	};

	UI_KEYS(use, ctx, t);
}

static const struct ui_screen_ops form_ops = {
	.name = "form",
	.draw = form_draw,
	.key = form_key,
	.resume = form_resume,
	.close = form_close,
	.hangup = form_hangup,
	.leave = form_leave,
	.keys = form_keys,
	.help_zh = "填报\n\n",
	.help_en = N_("Data entry\n\n"),
};

void ui_form_open(const char *form_key, const char *org_code, yg_period period, bool read_only)
{
	struct form_screen *fs = calloc(1, sizeof *fs);

	if (!fs) {
		ui_flash(UI_MSG_ERROR, "out of memory");
		return;
	}
	fs->base.ops = &form_ops;
	fs->form_key = yg_strdup(form_key);
	fs->org_code = yg_strdup(org_code);
	fs->period = period;
	fs->read_only = read_only;
	yg_findings_init(&fs->findings);
	if (yg_roster_find(form_key) && strcmp(yg_roster_find(form_key)->key, form_key))
		fs->roster = yg_roster_find(form_key)->key;
	if (load(fs) != YG_OK) {
		ui_flash_error();
		fs->sub = NULL;
		yg_findings_free(&fs->findings);
		free(fs->form_key);
		free(fs->org_code);
		free(fs);
		return;
	}
	ui_push(&fs->base);
}
