/*
 * ui-setting.c — the admin's whole-number county settings asked for in a
 * prompt: the due day (effective-dated) from the institution and user
 * screens (ui-admin.c), the contract year's first month from the targets
 * screen (ui-targets.c).  In a file of its own so that those screens, which
 * open each other, do not call each other for it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-review.h"
#include "ui-screen.h"

bool ui_int_setting_edit(const char *key, int fallback, int lo, int hi, const char *title,
	const char *question, const char *done_fmt)
{
	yg_db *db = ui_db();
	char *text = yg_asprintf("%d", yg_setting_get_int(db, key, fallback));
	bool done = false;

	for (;;) {
		char *answer = ui_prompt(title, question, text ? text : "", true);
		char *end;
		long v;

		free(text);
		text = answer;
		if (!answer || ui_quitting())
			break;
		v = strtol(answer, &end, 10);
		if (end == answer || *end || v < lo || v > hi) {
			char *msg = yg_asprintf(_("Give a whole number from %d to %d"), lo, hi);
			ui_alert(_("Not saved"), msg ? msg : "");
			free(msg);
			if (ui_quitting())
				break;
			continue;
		}
		if (strcmp(key, YG_SET_DUE_DAY) != 0) {
			if (yg_setting_set_int(db, key, (int)v) == YG_OK) {
				ui_flash(UI_MSG_OK, done_fmt, v);
				done = true;
				break;
			}
			ui_flash_error();
			ui_alert(_("Not saved"), yg_errmsg());
			if (ui_quitting())
				break;
			continue;
		}
		/* Effective-dated: months already due keep their due day. */
		yg_period from = yg_due_first_open(db);
		char fp[8], *when, *body;

		yg_period_format(from, fp);
		body = yg_asprintf(
			_("From which month's returns (YYYY-MM, %s at the earliest; earlier months keep "
			"theirs):"), fp);
		when = ui_prompt(_("Due day from"), body ? body : "", fp, true);
		free(body);
		if (!when || ui_quitting()) {
			free(when);
			break;
		}
		if (yg_period_parse(when, &from) != YG_OK) {
			free(when);
			ui_alert(_("Not saved"), yg_errmsg());
			if (ui_quitting())
				break;
			continue;
		}
		free(when);
		if (yg_due_day_set(db, (int)v, from) == YG_OK) {
			yg_period_format(from, fp);
			ui_flash(UI_MSG_OK, _("Due day set to the %ld (from %s)"), v, fp);
			done = true;
			break;
		}
		ui_flash_error();
		ui_alert(_("Not saved"), yg_errmsg());
		if (ui_quitting())
			break;
	}
	free(text);
	return done;
}

bool ui_due_day_edit(void)
{
	return ui_int_setting_edit(YG_SET_DUE_DAY, 5, 1, 28, _("Due day"), _("Returns of a month are due on this day "
		"of the next month (1-28):"), _("Due day set to the %ld"));
}
