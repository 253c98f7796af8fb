/*
 * ui-decide.c — the reviewer's three decisions on a return (approve,
 * return, reopen), asked and done through the core, and the marks the
 * review screens show a return's state by.  The grid (ui-review.c) and the
 * view of one return (ui-subview.c) both decide; neither calls the other
 * for it.
 */
#include "config.h"

#include <stdlib.h>

#include "ui-decide.h"
#include "ui-screen.h"

char rv_state_mark(enum yg_state s)
{
	switch (s) {
	case YG_ST_EMPTY: return '-';
	case YG_ST_DRAFT: return '~';
	case YG_ST_SUBMITTED: return '>';
	case YG_ST_RETURNED: return '<';
	case YG_ST_APPROVED: return '+';
	case YG_ST_REOPENED: return 'o';
	}
	return ' ';
}

const char *rv_state_short(enum yg_state s)
{
	switch (s) {
	case YG_ST_EMPTY: return C_("ui-decide", "none");
	case YG_ST_DRAFT: return _("draft");
	case YG_ST_SUBMITTED: return _("subm");
	case YG_ST_RETURNED: return _("retd");
	case YG_ST_APPROVED: return _("appr");
	case YG_ST_REOPENED: return _("reop");
	}
	return "";
}

/* Loads a return for a decision; NULL (and a message) when it cannot be. */
static struct yg_sub *load_for_review(int64_t sub_id)
{
	struct yg_sub *sub = NULL;

	if (sub_id == 0) {
		ui_flash(UI_MSG_WARN, "%s", _("This return is not started"));
		return NULL;
	}
	if (yg_sub_load_id(ui_db(), sub_id, &sub) != YG_OK) {
		ui_flash_error();
		return NULL;
	}
	if (!yg_sub_can_review(ui_db(), sub)) {
		ui_flash_error();
		yg_sub_free(sub);
		return NULL;
	}
	return sub;
}

static char *describe(const struct yg_sub *sub)
{
	char per[8];

	yg_period_format(sub->period, per);
	return yg_asprintf("%s | %s %s | %s | %s", sub->org.name, YG_L(sub->form->zh,
		sub->form->en), sub->form->key, per, yg_state_label(sub->state));
}

/* Returns opened (or asked about) in this run. */
static int64_t *viewed;
static size_t nviewed, capviewed;

void rv_viewed_mark(int64_t sub_id)
{
	if (rv_viewed(sub_id))
		return;
	if (nviewed == capviewed) {
		size_t cap = capviewed * 2 + 16;
		int64_t *v = realloc(viewed, cap * sizeof *v);

		if (!v)
			return;
		viewed = v;
		capviewed = cap;
	}
	viewed[nviewed++] = sub_id;
}

bool rv_viewed(int64_t sub_id)
{
	for (size_t i = 0; i < nviewed; i++)
		if (viewed[i] == sub_id)
			return true;
	return false;
}

static bool approve(int64_t sub_id, bool asked);

bool rv_approve(int64_t sub_id)
{
	return approve(sub_id, false);
}

/* a in the grid on a return nobody opened here: ask once, with what the
 * checks found, before approving it unseen. */
bool rv_approve_unseen(const struct yg_status *c)
{
	char *body;
	bool yes;

	if (rv_viewed(c->sub_id) || c->state != YG_ST_SUBMITTED)
		return rv_approve(c->sub_id);
	body = yg_asprintf(
		_("%s %s has not been viewed (%d errors, %d warnings). Approve it unseen?"),
		c->org_name, YG_L(c->form->zh, c->form->en), c->errors, c->warnings);
	yes = ui_confirm(_("Approve"), body ? body : "");
	free(body);
	if (ui_quitting())
		return false;
	rv_viewed_mark(c->sub_id);
	if (!yes) {
		ui_flash(UI_MSG_INFO, "%s", _("Not approved (Enter views it)"));
		return false;
	}
	return approve(c->sub_id, true);
}

static bool approve(int64_t sub_id, bool asked)
{
	struct yg_sub *sub = load_for_review(sub_id);
	bool done = false;

	if (!sub)
		return false;
	if (sub->state != YG_ST_SUBMITTED) {
		ui_flash(UI_MSG_WARN, "%s (%s)",
			_("Only submitted returns can be approved"), yg_state_label(sub->state));
	} else if (!asked && !yg_sub_is_clean(ui_db(), sub) &&
	    !ui_confirm(_("Approve"),
	    _("This return has errors or unexplained warnings. Approve it anyway?"))) {
		if (!ui_quitting())
			ui_flash(UI_MSG_INFO, "%s", _("Not approved"));
	} else if (!ui_quitting()) {
		if (yg_sub_approve(ui_db(), sub->id, sub->version) == YG_OK) {
			ui_flash(UI_MSG_OK, "%s: %s", _("Approved"), sub->org.name);
			done = true;
		} else {
			ui_flash_error();
		}
	}
	yg_sub_free(sub);
	return done;
}

/* Return and reopen: a text is required; a refusal is shown with the text
 * kept for another try. */
static bool with_text(int64_t sub_id, bool reopen)
{
	struct yg_sub *sub = load_for_review(sub_id);
	char *text = NULL, *what;
	bool done = false;

	if (!sub)
		return false;
	if (sub->state != (reopen ? YG_ST_APPROVED : YG_ST_SUBMITTED)) {
		ui_flash(UI_MSG_WARN, "%s (%s)", reopen ?
			_("Only approved returns can be reopened") :
			_("Only submitted returns can be returned"), yg_state_label(sub->state));
		yg_sub_free(sub);
		return false;
	}
	what = describe(sub);
	for (;;) {
		char *body = yg_asprintf("%s\n%s", what ? what : "", reopen ?
			_("Reason for reopening (required, audited):") :
			_("Comment for the clerk (required):"));
		char *answer = ui_prompt(reopen ? _("Reopen") : _("Return"),
			body, text ? text : "", true);
		int rc;

		free(body);
		free(text);
		text = answer;
		if (!answer || ui_quitting())
			break;
		rc = reopen ? yg_sub_reopen(ui_db(), sub->id, sub->version, answer) :
			yg_sub_return(ui_db(), sub->id, sub->version, answer);
		if (rc == YG_OK) {
			ui_flash(UI_MSG_OK, "%s: %s", reopen ? _("Reopened") :
				_("Returned"), sub->org.name);
			done = true;
			break;
		}
		ui_alert(_("Not done"), yg_errmsg());
		if (ui_quitting() || rc == YG_ECONFLICT || rc == YG_ESTATE || rc == YG_EPERM) {
			if (!ui_quitting())
				ui_flash_error();
			break;
		}
	}
	free(text);
	free(what);
	yg_sub_free(sub);
	return done;
}

bool rv_return(int64_t sub_id)
{
	return with_text(sub_id, false);
}

bool rv_reopen(int64_t sub_id)
{
	return with_text(sub_id, true);
}
