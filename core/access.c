/*
 * access.c — who may do what: the roles, the scope (a unit within
 * another), and the guards every scoped core function calls first.
 * Below org.c, user.c and everything they serve: it reads the tree with its
 * own queries and calls only db.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const role_names[] = { "clerk", "reviewer", "admin" };

const char *yg_role_name(enum yg_role r)
{
	return (unsigned)r <= YG_ROLE_ADMIN ? role_names[r] : "";
}

const char *yg_role_label(enum yg_role r)
{
	switch (r) {
	case YG_ROLE_CLERK: return _("clerk");
	case YG_ROLE_REVIEWER: return _("reviewer");
	case YG_ROLE_ADMIN: return _("admin");
	default: return "";
	}
}

int yg_role_parse(const char *s)
{
	for (int r = 0; s && r <= YG_ROLE_ADMIN; r++)
		if (strcmp(s, role_names[r]) == 0)
			return r;
	return -1;
}

/* ---- scope ---- */

bool yg_org_within(yg_db *db, int64_t scope_id, int64_t id)
{
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_WITHIN,
		"WITH RECURSIVE up(id, parent_id) AS ("
		" SELECT id, parent_id FROM org_unit WHERE id = ?1"
		" UNION ALL SELECT o.id, o.parent_id FROM org_unit o JOIN up ON o.id = up.parent_id)"
		" SELECT 1 FROM up WHERE id = ?2");
	bool within = false;
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, scope_id);
	within = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return within;
}

/* ---- guards ---- */

int yg_need_login(yg_db *db)
{
	assert(db);
	if (db->system || db->actor.id)
		return YG_OK;
	return yg_fail(YG_EPERM, "not logged in");
}

int yg_need_scope(yg_db *db, int64_t org_id)
{
	return yg_need_access(db, YG_ROLE_CLERK, NULL, NULL, org_id, 0);
}

int yg_need_role(yg_db *db, enum yg_role least, const char *what_zh, const char *what_en)
{
	int rc = yg_need_login(db);
	if (rc != YG_OK || db->system)
		return rc;
	if (db->actor.role < least)
		return yg_fail(YG_EPERM, "%s needs the %s role; you are %s",
			YG_L(what_zh, what_en), yg_role_label(least), yg_role_label(db->actor.role));
	return YG_OK;
}

int64_t yg_root_id(yg_db *db)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT id FROM org_unit WHERE parent_id IS NULL"
		" ORDER BY id LIMIT 1");
	int64_t id = 0;
	if (!st)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* The code of unit id, for a refusal that names it; NULL if none.  Its own
 * query, so that the guards need nothing of org.c. */
static char *place_code(yg_db *db, int64_t id)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT code FROM org_unit WHERE id = ?");
	char *code = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		code = yg_col_text(st, 0);
	sqlite3_finalize(st);
	return code;
}

/* One place of a change: the actor's scope must hold it. */
static int need_place(yg_db *db, int64_t place)
{
	char *code;
	int rc;

	if (place == YG_PLACE_ROOT) {
		int64_t root = yg_root_id(db);
		/* Before the county exists only init (the system actor) acts. */
		if (root && db->actor.org_id == root)
			return YG_OK;
		return yg_fail(YG_EPERM,
			"only an admin scoped to the county (the root) may do that");
	}
	if (yg_org_within(db, db->actor.org_id, place))
		return YG_OK;
	if (!(code = place_code(db, place)))
		return yg_fail(YG_EPERM, "that unit is outside your scope");
	rc = yg_fail(YG_EPERM, "unit %s is outside your scope", code);
	free(code);
	return rc;
}

int yg_need_access(yg_db *db, enum yg_role least, const char *what_zh, const char *what_en,
	int64_t from, int64_t to)
{
	assert(db);
	int rc = what_zh ? yg_need_role(db, least, what_zh, what_en) : yg_need_login(db);

	if (rc != YG_OK || db->system)
		return rc;
	if (db->actor.role < least)
		return yg_fail(YG_EPERM, "your role (%s) may not do that",
			yg_role_label(db->actor.role));
	if (from && (rc = need_place(db, from)) != YG_OK)
		return rc;
	if (to && to != from && (rc = need_place(db, to)) != YG_OK)
		return rc;
	return YG_OK;
}
