/*
 * ui-review.h — the screens of reviewers and admins: the review grid
 * (ui-review.c), one return read-only with its findings and history
 * (ui-subview.c), the targets dashboard (ui-dashboard.c) and the admin
 * screens (ui-admin.c).  Each *_open pushes a screen and returns.
 */
#ifndef YIGONG_UI_REVIEW_H
#define YIGONG_UI_REVIEW_H

#include <stdbool.h>

#include "yigong.h"

/* The first screen of reviewers and admins: institutions x forms for a month. */
void ui_review_open(void);
/* One return, read-only: values, findings, each field's history; approve,
 * return and reopen from there when the actor may. */
void ui_subview_open(int64_t sub_id);
/* Targets T1–T13 for the scope, this month and twelve before. */
void ui_dashboard_open(yg_period period);
/* Admin: institutions (org units) and users. */
void ui_admin_orgs_open(void);
void ui_admin_users_open(void);
/* Export CSV (reviewers, admins): a form, a progress bar, the result. */
void ui_export_open(yg_period period);
/* Admin: asks for the county's due day and sets it; true when changed
 * (ui-setting.c). */
bool ui_due_day_edit(void);
/* Admin: asks for a whole-number county setting between lo and hi,
 * refusing others with the text kept, and sets it (audited by the core);
 * done_fmt takes the new value as a long.  True when changed. */
bool ui_int_setting_edit(const char *key, int fallback, int lo, int hi, const char *title,
	const char *question, const char *done_fmt);
/* Admin: the targets' thresholds and months in force, and the contract
 * year's first month (ui-targets.c). */
void ui_admin_targets_open(void);
bool ui_contract_start_edit(void);

#endif
