/*
 * settings.c — the county's settings (key/value), and the due day, which is
 * effective-dated: a change applies from the first month not yet due.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int yg_setting_get_int(yg_db *db, const char *key, int fallback)
{
	/* Read at every check of every return: prepared once. */
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_SETTING,
		"SELECT value FROM setting WHERE key = ?");
	int v = fallback;
	if (!st)
		return fallback;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return v;
}

int yg_setting_set_int(yg_db *db, const char *key, int value)
{
	/* Settings are the county's: only a root-scoped admin changes them. */
	int rc = yg_need_access(db, YG_ROLE_ADMIN, "修改县设置", N_("change county settings"),
		YG_PLACE_ROOT, 0);
	int old;
	char oldbuf[16], newbuf[16];
	sqlite3_stmt *st;

	if (rc != YG_OK)
		return rc;
	/* The due day is effective-dated: from the first month not yet due. */
	if (strcmp(key, YG_SET_DUE_DAY) == 0)
		return yg_due_day_set(db, value, 0);
	if (strcmp(key, YG_SET_CONTRACT_START) == 0 && (value < 1 || value > 12))
		return yg_fail(YG_EINVAL, "the contract year's first month must be 1-12");
	if (strcmp(key, YG_SET_GDP_GROWTH) == 0 && (value < -100 || value > 300))
		return yg_fail(YG_EINVAL, "GDP growth must be -10.0%% to 30.0%%");
	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	old = yg_setting_get_int(db, key, -1);
	st = yg_prepare(db, "INSERT INTO setting(key, value) VALUES(?, ?) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	if (!st)
		return yg_write_end(db, YG_ERROR);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, value);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "setting");
	sqlite3_finalize(st);
	snprintf(oldbuf, sizeof oldbuf, "%d", old);
	snprintf(newbuf, sizeof newbuf, "%d", value);
	if (rc == YG_OK)
		rc = yg_audit_add(db, 0, "setting", key, old < 0 ? NULL : oldbuf, newbuf, NULL);
	return yg_write_end(db, rc);
}

int yg_due_day(yg_db *db, yg_period p)
{
	/* The latest change in force for p; before the first, the day as it
	 * first stood (schema 004 wrote it for every month). */
	sqlite3_stmt *st = yg_prepare(db, "SELECT value FROM setting_history WHERE key = ?1"
		" ORDER BY from_period <= ?2 DESC, (from_period <= ?2) * from_period DESC,"
		" from_period LIMIT 1");
	int day = 0;

	if (st) {
		sqlite3_bind_text(st, 1, YG_SET_DUE_DAY, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, p);
		if (sqlite3_step(st) == SQLITE_ROW)
			day = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (day < 1 || day > 28)
		day = yg_setting_get_int(db, YG_SET_DUE_DAY, 5);
	return day;
}

yg_date yg_due_date(yg_db *db, yg_period p)
{
	int day = yg_due_day(db, p);
	yg_period next = yg_period_add(p, 1);
	return yg_date_from_ymd(yg_period_year(next), yg_period_month(next), day);
}

yg_period yg_due_first_open(yg_db *db)
{
	yg_date today = yg_date_today();
	yg_period p = yg_period_add(yg_period_current(), -2);

	/* A month is due once its due date has passed (the due day itself is
	 * still on time). */
	while (yg_due_date(db, p) < today)
		p = yg_period_add(p, 1);
	return p;
}

int yg_due_day_set(yg_db *db, int day, yg_period from)
{
	int rc = yg_need_role(db, YG_ROLE_ADMIN, "修改县设置", N_("change county settings"));
	yg_period first;
	sqlite3_stmt *st;
	bool any = false;
	char per[8], fp[8], oldbuf[16], newbuf[16];

	if (rc != YG_OK)
		return rc;
	if (day < 1 || day > 28)
		return yg_fail(YG_EINVAL, "the due day must be 1-28");
	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	st = yg_prepare(db, "SELECT 1 FROM submission LIMIT 1");
	if (st) {
		any = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	first = yg_due_first_open(db);
	if (!any)
		from = 190001;       /* nothing filed yet: the day for every month */
	else if (!from)
		from = first;
	if (any && from < first) {
		yg_period_format(from, per);
		yg_period_format(first, fp);
		return yg_write_end(db, yg_fail(YG_EINVAL,
			"the returns of %s are already due and their timeliness must not change:"
			" a new due day applies from %s at the earliest", per, fp));
	}
	snprintf(oldbuf, sizeof oldbuf, "%d", yg_due_day(db, from));
	snprintf(newbuf, sizeof newbuf, "%d", day);
	/* A new statement replaces changes planned for later months. */
	st = yg_prepare(db, "DELETE FROM setting_history WHERE key = ?1 AND from_period >= ?2");
	if (!st)
		return yg_write_end(db, YG_ERROR);
	sqlite3_bind_text(st, 1, YG_SET_DUE_DAY, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, from);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "setting");
	sqlite3_finalize(st);
	st = rc == YG_OK ? yg_prepare(db, "INSERT INTO setting_history(key, from_period, value)"
		" VALUES(?1, ?2, ?3)") : NULL;
	if (st) {
		sqlite3_bind_text(st, 1, YG_SET_DUE_DAY, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, from);
		sqlite3_bind_text(st, 3, newbuf, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "setting");
		sqlite3_finalize(st);
	} else if (rc == YG_OK) {
		rc = YG_ERROR;
	}
	/* The setting itself says the day of the months to come. */
	st = rc == YG_OK ? yg_prepare(db, "INSERT INTO setting(key, value) VALUES(?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value") : NULL;
	if (st) {
		sqlite3_bind_text(st, 1, YG_SET_DUE_DAY, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, newbuf, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "setting");
		sqlite3_finalize(st);
	} else if (rc == YG_OK) {
		rc = YG_ERROR;
	}
	if (rc == YG_OK) {
		char *what = yg_asprintf("%s@%d", YG_SET_DUE_DAY, from);

		rc = yg_audit_add(db, 0, "setting", what ? what : YG_SET_DUE_DAY, oldbuf, newbuf,
			NULL);
		free(what);
	}
	return yg_write_end(db, rc);
}
