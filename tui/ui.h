/*
 * ui.h — the terminal user interface, entered when yigong runs with no
 * subcommand.  The database is open and the user logged in (yg_actor).
 */
#ifndef YIGONG_UI_H
#define YIGONG_UI_H

#include "yigong.h"

/* Runs the screens until the user quits; returns an exit status. */
int ui_run(yg_db *db);

#endif
