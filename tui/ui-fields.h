/*
 * ui-fields.h — a column of labelled input boxes over the values of a form
 * spec: what the form entry, the record editor and the activity editor
 * share (and what a review screen can reuse read-only).
 *
 * Each box holds the text the user typed (a ui_line).  Leaving a box parses
 * it with yg_field_parse: accepted text replaces the value; refused text
 * stays in the box, is not stored, and the field's own message is drawn
 * beside it until the text is changed and accepted.
 */
#ifndef YIGONG_UI_FIELDS_H
#define YIGONG_UI_FIELDS_H

#include "ui-lineedit.h"
#include "ui-screen.h"

struct ui_fbox {
	struct ui_line line;
	char *msg;          /* the refusal of the text in the box, or NULL */
	bool carried;       /* last month's figure shown, not yet confirmed */
};

struct ui_fields {
	const struct yg_field *f;
	size_t n;
	struct yg_value *values;              /* borrowed: n values */
	struct ui_fbox *box;
	size_t focus;
	size_t top;                           /* first row shown */
	int rows;                             /* rows shown by the last draw */
	bool editable;
	const struct yg_findings *findings;   /* marked beside fields; may be NULL */
	const struct yg_value *last;          /* last month's n values, shown beside
	                                       * the boxes; may be NULL (borrowed) */
};

int ui_fields_init(struct ui_fields *g, const struct yg_field *f, size_t n,
	struct yg_value *values, bool editable);
void ui_fields_free(struct ui_fields *g);
/* Box texts from the values again (after a reload); messages cleared. */
void ui_fields_reload(struct ui_fields *g);
bool ui_fields_can_edit(const struct ui_fields *g, size_t i);
/* Is the focused box taking text?  (Set ui_screen.text_input from it.) */
bool ui_fields_text_input(const struct ui_fields *g);
/* Parses the focused box if it was edited: 1 the value changed, 0 nothing
 * to do, -1 the text was refused (message beside the box). */
int ui_fields_commit(struct ui_fields *g);
/* Movement and editing keys.  Returns UI_UNHANDLED for keys it does not
 * use.  When the focus left a box, *committed is what ui_fields_commit
 * said (else 0). */
int ui_fields_key(struct ui_fields *g, const struct ui_key *k, int *committed);
/* Draws rows lines from y, scrolled to keep the focus in view, and puts
 * the cursor in the focused box when it takes text. */
void ui_fields_draw(struct ui_fields *g, int y, int rows);
/* Index of the first box holding refused text, or -1. */
int ui_fields_first_bad(const struct ui_fields *g);
/* Was the focused box edited and not yet parsed? */
bool ui_fields_pending(const struct ui_fields *g);
/* Focus the first field (skips read-only ones when editable). */
void ui_fields_focus_first(struct ui_fields *g);
/* Focus field i, its text selected (as every box is on entry). */
void ui_fields_focus(struct ui_fields *g, size_t i);
/* Shows v (last month's figure) in box i, marked carried forward: not a
 * value yet.  Leaving the box confirms it (stores it), as does
 * ui_fields_confirm_carried for all; typing replaces it. */
void ui_fields_carry(struct ui_fields *g, size_t i, const struct yg_value *v);
/* Confirms every carried box: 1 when values changed, 0 none, -1 refused. */
int ui_fields_confirm_carried(struct ui_fields *g);
/* How many boxes still show a carried, unconfirmed figure. */
size_t ui_fields_carried(const struct ui_fields *g);

#endif
