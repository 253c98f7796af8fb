#include "config.h"
#include "ui-review.h"
#include "ui-screen.h"
void ui_admin_orgs_open(void) { }
void ui_admin_users_open(void) { }
bool ui_due_day_edit(void) { return false; }
