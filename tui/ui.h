/*
 * ui.h — the terminal user interface, entered when yigong runs with no
 * subcommand.  The database is open and the user logged in (yg_actor).
 */
#ifndef YIGONG_UI_H
#define YIGONG_UI_H

#include "yigong.h"

/* Runs the screens, starting with the one first pushes (the caller's
 * choice: ui_home_open, ui_review_open), until the user quits; returns an
 * exit status. */
int ui_run(yg_db *db, void (*first)(void));

#endif
