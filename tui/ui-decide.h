/*
 * ui-decide.h — the reviewer's decisions on one return and the marks of a
 * return's state (ui-decide.c), shared by the review grid (ui-review.c) and
 * the view of one return (ui-subview.c).
 */
#ifndef YIGONG_UI_DECIDE_H
#define YIGONG_UI_DECIDE_H

#include <stdbool.h>

#include "yigong.h"

/* The reviewer's three decisions on a return, asked and done through the
 * core.  Each loads the return, asks what it needs (a comment, a reason),
 * shows the core's refusal if any, and returns true when done. */
bool rv_approve(int64_t sub_id);
bool rv_return(int64_t sub_id);
bool rv_reopen(int64_t sub_id);
/* a in the grid: a submitted return nobody opened in this run is approved
 * only after one question that shows what its checks found. */
bool rv_approve_unseen(const struct yg_status *c);
/* Returns the reviewer has opened in this run (the review view marks
 * them): approving one unseen from the grid asks first, once. */
void rv_viewed_mark(int64_t sub_id);
bool rv_viewed(int64_t sub_id);

/* A state as one ASCII mark and a short label for grids ("+", "通过"). */
char rv_state_mark(enum yg_state s);
const char *rv_state_short(enum yg_state s);

#endif
