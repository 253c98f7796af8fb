/*
 * user.c — Unix logins mapped to a role and a scope; who is acting
 * (yg_login).  The roles and the guards are access.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void yg_user_clear(struct yg_user *u)
{
	free(u->login);
	free(u->org_code);
	memset(u, 0, sizeof *u);
}

void yg_user_list_free(struct yg_user *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		yg_user_clear(&v[i]);
	free(v);
}

#define USER_COLUMNS "u.id, u.login, u.role, u.org_id, o.code, u.disabled" \
	" FROM app_user u JOIN org_unit o ON o.id = u.org_id"

static void user_read(sqlite3_stmt *st, struct yg_user *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->login = yg_col_text(st, 1);
	u->role = yg_role_parse((const char *)sqlite3_column_text(st, 2));
	u->org_id = sqlite3_column_int64(st, 3);
	u->org_code = yg_col_text(st, 4);
	u->disabled = sqlite3_column_int(st, 5);
}

int yg_user_get(yg_db *db, const char *login, struct yg_user *out)
{
	assert(db && out);
	sqlite3_stmt *st = yg_prepare(db, "SELECT " USER_COLUMNS " WHERE u.login = ?");
	int rc;
	memset(out, 0, sizeof *out);
	if (!st)
		return YG_ERROR;
	sqlite3_bind_text(st, 1, login ? login : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		user_read(st, out);
		rc = YG_OK;
	} else if (rc == SQLITE_DONE) {
		rc = yg_fail(YG_ENOTFOUND, "user \"%s\" is not registered; an admin can add it with"
			" yigong user add %s --role ROLE --org CODE",
			login ? login : "", login ? login : "LOGIN");
	} else {
		rc = yg_sql_fail(db, "user");
	}
	sqlite3_finalize(st);
	return rc;
}

int yg_user_list(yg_db *db, struct yg_user **out, size_t *n)
{
	assert(db && out && n);
	sqlite3_stmt *st;
	struct yg_user *v = NULL;
	size_t count = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = yg_need_role(db, YG_ROLE_REVIEWER, "查看用户", N_("list users"))) != YG_OK)
		return rc;
	st = yg_prepare(db, "SELECT " USER_COLUMNS " ORDER BY u.login");
	if (!st)
		return YG_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct yg_user u = { 0 };
		user_read(st, &u);
		if (!db->system && !yg_org_within(db, db->actor.org_id, u.org_id)) {
			yg_user_clear(&u);
			continue;
		}
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			struct yg_user *nv = realloc(v, cap * sizeof *v);
			if (!nv) {
				yg_user_clear(&u);
				rc = SQLITE_NOMEM;
				break;
			}
			v = nv;
		}
		v[count++] = u;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		yg_user_list_free(v, count);
		return rc == SQLITE_NOMEM ? yg_fail(YG_ENOMEM, "out of memory")
			: yg_sql_fail(db, "user list");
	}
	*out = v;
	*n = count;
	return YG_OK;
}

int yg_login(yg_db *db, const char *login, const char *as_login)
{
	assert(db && login);
	struct yg_user real = { 0 }, as = { 0 };
	int rc = yg_user_get(db, login, &real);

	if (rc != YG_OK)
		return rc;
	if (real.disabled) {
		rc = yg_fail(YG_EPERM, "user \"%s\" is disabled", login);
		yg_user_clear(&real);
		return rc;
	}
	if (as_login && strcmp(as_login, login) != 0) {
		if (real.role != YG_ROLE_ADMIN) {
			yg_user_clear(&real);
			return yg_fail(YG_EPERM, "only an admin may act as another user (--as)");
		}
		rc = yg_user_get(db, as_login, &as);
		if (rc == YG_OK && as.disabled)
			rc = yg_fail(YG_EPERM, "user \"%s\" is disabled", as_login);
		if (rc == YG_OK && !yg_org_within(db, real.org_id, as.org_id))
			rc = yg_fail(YG_EPERM, "user \"%s\" is outside your scope", as_login);
		if (rc != YG_OK) {
			yg_user_clear(&real);
			yg_user_clear(&as);
			return rc;
		}
		yg_user_clear(&db->actor);
		free(db->acting_for);
		db->actor = as;
		db->acting_for = real.login;
		real.login = NULL;
		yg_user_clear(&real);
	} else {
		yg_user_clear(&db->actor);
		free(db->acting_for);
		db->acting_for = NULL;
		db->actor = real;
	}
	db->system = false;
	return YG_OK;
}

void yg_login_system(yg_db *db, const char *login)
{
	yg_user_clear(&db->actor);
	free(db->acting_for);
	db->acting_for = NULL;
	db->actor.login = yg_strdup(login);
	db->actor.role = YG_ROLE_ADMIN;
	db->system = true;
}

const struct yg_user *yg_actor(yg_db *db)
{
	return db->actor.login ? &db->actor : NULL;
}

const char *yg_acting_for(yg_db *db)
{
	return db->acting_for;
}

static bool login_is_valid(const char *s)
{
	/* POSIX portable user names: letters, digits, . _ -, not starting with -. */
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 32 || s[0] == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' || *s == '-'))
			return false;
	return true;
}

int yg_user_put(yg_db *db, const char *login, enum yg_role role, const char *org_code)
{
	struct yg_org org = { 0 };
	struct yg_user old = { 0 };
	sqlite3_stmt *st;
	char *before = NULL, *after = NULL;
	int rc, found;

	if ((rc = yg_need_role(db, YG_ROLE_ADMIN, "管理用户", N_("manage users"))) != YG_OK)
		return rc;
	if (!login_is_valid(login))
		return yg_fail(YG_EINVAL,
			"login \"%s\" is invalid: 1-32 letters, digits or . _ -", login ? login : "");
	if ((unsigned)role > YG_ROLE_ADMIN)
		return yg_fail(YG_EINVAL, "invalid role; use clerk, reviewer or admin");
	if ((rc = yg_org_get(db, org_code, &org)) != YG_OK)
		return rc;
	if ((rc = yg_need_access(db, YG_ROLE_ADMIN, "管理用户", N_("manage users"), 0, org.id)) != YG_OK)
		goto out;
	if (role == YG_ROLE_CLERK && !yg_kind_is_institution(org.kind)) {
		rc = yg_fail(YG_EINVAL,
			"a clerk belongs to an institution (hospital or health centre); %s is a %s",
			org.code, yg_kind_label(org.kind));
		goto out;
	}
	if ((rc = yg_write_begin(db)) != YG_OK)
		goto out;
	found = yg_user_get(db, login, &old);
	/* Changing a user takes rights over where they sit now as well as over
	 * where they go: a community's admin must not demote the county's. */
	if (found == YG_OK && (rc = yg_need_access(db, YG_ROLE_ADMIN, "管理用户", N_("manage users"),
			old.org_id, org.id)) != YG_OK) {
		rc = yg_write_end(db, rc);
		goto out;
	}
	if (found == YG_OK && db->actor.id == old.id && role != YG_ROLE_ADMIN) {
		rc = yg_fail(YG_EINVAL, "you cannot demote yourself");
		rc = yg_write_end(db, rc);
		goto out;
	}
	st = yg_prepare(db, "INSERT INTO app_user(login, role, org_id) VALUES(?1, ?2, ?3)"
		" ON CONFLICT(login) DO UPDATE SET role = excluded.role, org_id = excluded.org_id");
	if (!st) {
		rc = yg_write_end(db, YG_ERROR);
		goto out;
	}
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, yg_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, org.id);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "user");
	sqlite3_finalize(st);
	if (found == YG_OK)
		before = yg_asprintf("%s@%s", yg_role_name(old.role), old.org_code);
	after = yg_asprintf("%s@%s", yg_role_name(role), org.code);
	if (rc == YG_OK && (!before || strcmp(before, after) != 0))
		rc = yg_audit_add(db, 0, "user", login, before, after, NULL);
	rc = yg_write_end(db, rc);
out:
	free(before);
	free(after);
	yg_user_clear(&old);
	yg_org_clear(&org);
	return rc;
}

int yg_user_set_disabled(yg_db *db, const char *login, bool disabled)
{
	struct yg_user u = { 0 };
	sqlite3_stmt *st;
	int rc;

	if ((rc = yg_need_role(db, YG_ROLE_ADMIN, "管理用户", N_("manage users"))) != YG_OK)
		return rc;
	if ((rc = yg_user_get(db, login, &u)) != YG_OK)
		return rc;
	if ((rc = yg_need_access(db, YG_ROLE_ADMIN, "管理用户", N_("manage users"), u.org_id, 0)) != YG_OK)
		goto out;
	if (u.id == db->actor.id && disabled) {
		rc = yg_fail(YG_EINVAL, "you cannot disable yourself");
		goto out;
	}
	if ((rc = yg_write_begin(db)) != YG_OK)
		goto out;
	st = yg_prepare(db, "UPDATE app_user SET disabled = ? WHERE id = ?");
	if (st) {
		sqlite3_bind_int(st, 1, disabled);
		sqlite3_bind_int64(st, 2, u.id);
		rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "user");
		sqlite3_finalize(st);
	} else {
		rc = YG_ERROR;
	}
	if (rc == YG_OK && u.disabled != disabled)
		rc = yg_audit_add(db, 0, "user", login, u.disabled ? "disabled" : "enabled",
			disabled ? "disabled" : "enabled", NULL);
	rc = yg_write_end(db, rc);
out:
	yg_user_clear(&u);
	return rc;
}

int yg_init_root(yg_db *db, const char *login, enum yg_kind level, const char *code,
	const char *name)
{
	struct yg_org root = {
		.code = (char *)code,
		.name = (char *)name,
		.kind = level,
		.tier = YG_TIER_NONE,
	};
	bool changed;
	int rc;

	assert(db && login && code && name);
	if ((rc = yg_begin(db)) != YG_OK)
		return rc;
	rc = yg_org_put(db, &root, &changed);
	if (rc == YG_OK)
		rc = yg_user_put(db, login, YG_ROLE_ADMIN, code);
	if (rc == YG_OK)
		return yg_commit(db);
	yg_rollback(db);
	return rc;
}
