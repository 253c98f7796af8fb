/*
 * demo.h — the fictional county of `yigong init --demo` (青山县): units,
 * users of every role, a year of returns in every state, postings and
 * referrals, built through the core like any user's work.
 */
#ifndef YIGONG_DEMO_H
#define YIGONG_DEMO_H

#include <stddef.h>

#include "yigong.h"

struct demo_stats {
	size_t units;
	size_t users;
	size_t submissions;
	size_t postings;
	size_t referrals;
	yg_period first, last; /* the months with data */
};

/* The root unit's code and name. */
#define DEMO_COUNTY_CODE "530199000000"
#define DEMO_COUNTY_NAME "青山县"

/*
 * Builds the county in a new, empty database; admin_login (the login that
 * ran init) becomes the county's admin.  The data ends with the month
 * before yg_period_current().  Deterministic for a given current month.
 * One transaction: all of it is written or nothing.
 */
int demo_build(yg_db *db, const char *admin_login, struct demo_stats *st);

#endif
