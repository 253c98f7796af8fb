/*
 * ui-screens.h — how one screen opens another.  Each function pushes a new
 * screen on the stack (ui-screen.h) and returns; the loop runs it.
 */
#ifndef YIGONG_UI_SCREENS_H
#define YIGONG_UI_SCREENS_H

#include "yigong.h"

/* The clerk's home: this month's returns and past months (ui-home.c). */
void ui_home_open(void);
/* Form entry of one return (ui-form.c): editable when the actor may edit
 * it in its present state, read-only otherwise or when read_only. */
void ui_form_open(const char *form_key, const char *org_code, yg_period period, bool read_only);
/* Roster of a record form ("posting", "referral") held in the actor's
 * scope (ui-roster.c); period selects the month of posting activity. */
void ui_roster_open(const char *record_form, yg_period period);
/*
 * A modal editor of the values of a spec (ui-edit.c): F2 calls save(ctx,
 * out) — out is empty and is freed afterwards; findings in it are marked
 * beside the fields — and YG_OK closes the editor, anything else shows the
 * core's message and keeps the input.  Returns true when it saved.
 */
bool ui_values_edit(const char *title, const struct yg_form *form, struct yg_value *values,
	int (*save)(void *ctx, struct yg_findings *out), void *ctx);
/* The same; with UI_EDIT_SAVE_ON_HANGUP a hang-up (SIGHUP, SIGTERM) saves
 * what is on screen, box being edited included, when save accepts it —
 * right for a clerk's records, wrong for an admin's half-made change. */
enum { UI_EDIT_SAVE_ON_HANGUP = 1 };
bool ui_values_edit_flags(const char *title, const struct yg_form *form,
	struct yg_value *values, int (*save)(void *ctx, struct yg_findings *out), void *ctx,
	unsigned flags);

#endif
