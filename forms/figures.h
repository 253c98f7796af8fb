/*
 * figures.h — storing a month's screen figures ahead of the screens: the
 * review grid's lines (status_sums), the targets dashboard (dash_*) and the
 * outcome sums (outcomes_*), each kept by its own module in the stored
 * figures (yg_memo_*, schema 009).
 *
 * The screens store a month the first time they show it; that costs a
 * province seconds.  Data reaches a prefecture or a province by import, so
 * `import` stores the months it brought right after, and a reviewer opening
 * the dashboard reads lines instead of computing them.
 */
#ifndef YIGONG_FIGURES_H
#define YIGONG_FIGURES_H

#include "yigong.h"

/*
 * Stores the figures the screens read (received returns) of every month
 * that has returns and is not stored, from the oldest; *months says how
 * many were stored.  Nothing when the actor may not store (yg_memo_writable).
 */
int figures_store(yg_db *db, size_t *months);

#endif
