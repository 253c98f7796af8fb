/*
 * org.c — the tree of org units: county → medical community → institution
 * → village clinic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const struct {
	const char *name, *zh, *en;
} kinds[YG_KIND_COUNT] = {
	[YG_KIND_COUNTY] = { "county", "县/区", N_("county") },
	[YG_KIND_COMMUNITY] = { "community", "医共体", N_("medical community") },
	[YG_KIND_HOSPITAL] = { "hospital", "医院", N_("hospital") },
	[YG_KIND_TOWNSHIP] = { "township", "乡镇卫生院", N_("township health centre") },
	[YG_KIND_COMMUNITY_CENTRE] = { "community_centre", "社区卫生服务中心",
		N_("community health centre") },
	[YG_KIND_VILLAGE] = { "village", "村卫生室", N_("village clinic") },
	[YG_KIND_PREFECTURE] = { "prefecture", "地市", N_("prefecture") },
	[YG_KIND_PROVINCE] = { "province", "省", N_("province") },
};

const char *yg_kind_name(enum yg_kind k)
{
	return (unsigned)k < YG_KIND_COUNT ? kinds[k].name : "";
}

const char *yg_kind_label(enum yg_kind k)
{
	return (unsigned)k < YG_KIND_COUNT ? YG_L(kinds[k].zh, kinds[k].en) : "";
}

int yg_kind_parse(const char *s)
{
	for (int k = 0; s && k < YG_KIND_COUNT; k++)
		if (strcmp(s, kinds[k].name) == 0)
			return k;
	return -1;
}

bool yg_kind_is_institution(enum yg_kind k)
{
	return k == YG_KIND_HOSPITAL || k == YG_KIND_TOWNSHIP || k == YG_KIND_COMMUNITY_CENTRE;
}

bool yg_kind_is_level(enum yg_kind k)
{
	return k == YG_KIND_COUNTY || k == YG_KIND_PREFECTURE || k == YG_KIND_PROVINCE;
}

static const char *const tier_names[] = { "", "primary", "secondary", "tertiary" };

const char *yg_tier_name(enum yg_tier t)
{
	return (unsigned)t <= YG_TIER_TERTIARY ? tier_names[t] : "";
}

const char *yg_tier_label(enum yg_tier t)
{
	switch (t) {
	case YG_TIER_PRIMARY: return _("primary");
	case YG_TIER_SECONDARY: return _("secondary");
	case YG_TIER_TERTIARY: return _("tertiary");
	default: return "";
	}
}

int yg_tier_parse(const char *s)
{
	for (int t = 0; s && t <= YG_TIER_TERTIARY; t++)
		if (strcmp(s, tier_names[t]) == 0)
			return t;
	return -1;
}

void yg_org_clear(struct yg_org *org)
{
	free(org->code);
	free(org->name);
	free(org->parent_code);
	free(org->lead_code);
	free(org->supporting_code);
	memset(org, 0, sizeof *org);
}

void yg_org_list_free(struct yg_org *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		yg_org_clear(&v[i]);
	free(v);
}

/* ---- an index of a list by id ---- */

struct yg_org_index {
	size_t n;
	struct { int64_t id; size_t i; } *v;
};

static int by_index_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

struct yg_org_index *yg_org_index_new(const struct yg_org *v, size_t n)
{
	struct yg_org_index *x = calloc(1, sizeof *x);

	if (!x || !(x->v = calloc(n ? n : 1, sizeof *x->v))) {
		free(x);
		return NULL;
	}
	x->n = n;
	for (size_t i = 0; i < n; i++) {
		x->v[i].id = v[i].id;
		x->v[i].i = i;
	}
	qsort(x->v, n, sizeof *x->v, by_index_id);
	return x;
}

ssize_t yg_org_index_find(const struct yg_org_index *x, int64_t id)
{
	size_t lo = 0, hi = x->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (x->v[mid].id == id)
			return (ssize_t)x->v[mid].i;
		if (x->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

void yg_org_index_free(struct yg_org_index *x)
{
	if (x)
		free(x->v);
	free(x);
}

#define ORG_COLUMNS "o.id, o.code, o.name, o.kind, o.tier, o.parent_id, p.code, " \
	"o.key_central, o.closed, coalesce(l.code, (SELECT h.code FROM org_unit h" \
	" WHERE o.kind = 'community' AND h.parent_id = o.id AND h.kind = 'hospital'" \
	" AND h.closed = 0 ORDER BY h.code LIMIT 1)), s.code, o.opened, o.closed_period" \
	" FROM org_unit o" \
	" LEFT JOIN org_unit p ON p.id = o.parent_id" \
	" LEFT JOIN org_unit l ON l.id = o.lead_id LEFT JOIN org_unit s ON s.id = o.supporting_id"

static void org_read(sqlite3_stmt *st, struct yg_org *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->code = yg_col_text(st, 1);
	o->name = yg_col_text(st, 2);
	o->kind = yg_kind_parse((const char *)sqlite3_column_text(st, 3));
	o->tier = yg_tier_parse((const char *)sqlite3_column_text(st, 4));
	o->parent_id = sqlite3_column_int64(st, 5);
	o->parent_code = yg_col_text(st, 6);
	o->key_central = sqlite3_column_int(st, 7);
	o->closed = sqlite3_column_int(st, 8);
	o->lead_code = yg_col_text(st, 9);
	o->supporting_code = yg_col_text(st, 10);
	o->opened = sqlite3_column_int(st, 11);
	o->closed_in = o->closed ? sqlite3_column_int(st, 12) : 0;
}

bool yg_org_open_in(const struct yg_org *o, yg_period p)
{
	if (o->opened && p < o->opened)
		return false;
	/* Closed without a month (older data): filed nothing, as before. */
	return !o->closed || (o->closed_in && p <= o->closed_in);
}

static int org_fetch(yg_db *db, sqlite3_stmt *st, struct yg_org *out, const char *what)
{
	int rc = sqlite3_step(st);
	memset(out, 0, sizeof *out);
	if (rc == SQLITE_ROW) {
		org_read(st, out);
		rc = YG_OK;
	} else if (rc == SQLITE_DONE) {
		rc = yg_fail(YG_ENOTFOUND, "no org unit with code \"%s\"", what);
	} else {
		rc = yg_sql_fail(db, "org");
	}
	sqlite3_reset(st);
	return rc;
}

int yg_org_get(yg_db *db, const char *code, struct yg_org *out)
{
	assert(db && out);
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_ORG_CODE,
		"SELECT " ORG_COLUMNS " WHERE o.code = ?");
	if (!st)
		return YG_ERROR;
	sqlite3_bind_text(st, 1, code ? code : "", -1, SQLITE_STATIC);
	return org_fetch(db, st, out, code ? code : "");
}

int yg_org_get_id(yg_db *db, int64_t id, struct yg_org *out)
{
	assert(db && out);
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_ORG_ID,
		"SELECT " ORG_COLUMNS " WHERE o.id = ?");
	char idbuf[24];
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, id);
	snprintf(idbuf, sizeof idbuf, "#%lld", (long long)id);
	return org_fetch(db, st, out, idbuf);
}

int yg_org_root(yg_db *db, struct yg_org *out)
{
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_ORG_ROOT,
		"SELECT " ORG_COLUMNS " WHERE o.parent_id IS NULL ORDER BY o.id LIMIT 1");
	if (!st)
		return YG_ERROR;
	return org_fetch(db, st, out, "-");
}

/* Units under root_id in tree order (a path of codes sorts parents before
 * children), open ones only when open_only. */
static int org_tree(yg_db *db, int64_t root_id, bool open_only, struct yg_org **out, size_t *n);

int yg_org_directory(yg_db *db, struct yg_org **out, size_t *n)
{
	assert(db && out && n);
	sqlite3_stmt *st;
	int64_t root = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = yg_need_login(db)) != YG_OK)
		return rc;
	if (!(st = yg_prepare(db, "SELECT id FROM org_unit WHERE parent_id IS NULL")))
		return YG_ERROR;
	if (sqlite3_step(st) == SQLITE_ROW)
		root = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return root ? org_tree(db, root, true, out, n) : YG_OK;
}

int yg_org_list(yg_db *db, struct yg_org **out, size_t *n)
{
	assert(db && out && n);
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = yg_need_login(db)) != YG_OK)
		return rc;
	return org_tree(db, db->actor.org_id, false, out, n);
}

static int org_tree(yg_db *db, int64_t root_id, bool open_only, struct yg_org **out, size_t *n)
{
	/* Tree order: a path of codes sorts parents before children. */
	static const char sql[] =
		"WITH RECURSIVE t(id, path) AS ("
		" SELECT id, code FROM org_unit WHERE id = ?1"
		" UNION ALL SELECT o.id, t.path || char(31) || o.code"
		" FROM org_unit o JOIN t ON o.parent_id = t.id)"
		" SELECT " ORG_COLUMNS " JOIN t ON t.id = o.id WHERE NOT (?2 AND o.closed)"
		" ORDER BY t.path";
	sqlite3_stmt *st;
	struct yg_org *v = NULL;
	size_t cap = 0, count = 0;
	int rc;

	st = yg_prepare(db, sql);
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, root_id);
	sqlite3_bind_int(st, 2, open_only);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 32;
			struct yg_org *nv = realloc(v, cap * sizeof *v);
			if (!nv) {
				sqlite3_finalize(st);
				yg_org_list_free(v, count);
				return yg_fail(YG_ENOMEM, "out of memory");
			}
			v = nv;
		}
		memset(&v[count], 0, sizeof v[count]);
		org_read(st, &v[count++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		yg_org_list_free(v, count);
		return yg_sql_fail(db, "org list");
	}
	*out = v;
	*n = count;
	return YG_OK;
}

int64_t yg_org_below(yg_db *db, int64_t top, int64_t id)
{
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_BELOW,
		"WITH RECURSIVE up(id, parent_id) AS ("
		" SELECT id, parent_id FROM org_unit WHERE id = ?1"
		" UNION ALL SELECT o.id, o.parent_id FROM org_unit o JOIN up ON o.id = up.parent_id)"
		" SELECT id FROM up WHERE parent_id = ?2");
	int64_t below = 0;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, top);
	if (sqlite3_step(st) == SQLITE_ROW)
		below = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return below;
}

int64_t yg_org_community(yg_db *db, int64_t id)
{
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_ORG_COMMUNITY,
		"WITH RECURSIVE up(id, parent_id, kind) AS ("
		" SELECT id, parent_id, kind FROM org_unit WHERE id = ?1"
		" UNION ALL SELECT o.id, o.parent_id, o.kind FROM org_unit o"
		" JOIN up ON o.id = up.parent_id)"
		" SELECT id FROM up WHERE kind = 'community' LIMIT 1");
	int64_t community = 0;
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		community = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return community;
}

int64_t yg_org_lead_hospital(yg_db *db, int64_t community_id)
{
	/* The lead the community names; one that names none is led, as in
	 * version 0.1, by the hospital directly under it. */
	sqlite3_stmt *st = yg_prepare(db, "SELECT lead_id FROM org_unit WHERE id = ?1"
		" AND lead_id IS NOT NULL UNION ALL SELECT id FROM (SELECT id FROM org_unit"
		" WHERE parent_id = ?1 AND kind = 'hospital' AND closed = 0 ORDER BY code LIMIT 1)"
		" LIMIT 1");
	int64_t lead = 0;
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, community_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		lead = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return lead;
}

int64_t yg_org_supporting_hospital(yg_db *db, int64_t community_id)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT supporting_id FROM org_unit WHERE id = ?"
		" AND supporting_id IS NOT NULL");
	int64_t id = 0;
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, community_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* Looks up the hospital code names for a community's role; 0 and no
 * failure for an empty code (the role is cleared). */
static int support_unit(yg_db *db, const struct yg_org *community, const char *code,
	bool lead, int64_t *id)
{
	struct yg_org h = { 0 };
	int rc;
	const char *zh_role = lead ? "牵头医院" : "帮扶的城市三级医院";
	const char *en_role = lead ? "lead hospital" : "supporting urban tertiary hospital";

	*id = 0;
	if (!code || !*code)
		return YG_OK;
	rc = yg_org_get(db, code, &h);
	if (rc == YG_ENOTFOUND)
		return yg_fail(YG_EINVAL,
			"community %s: the %s \"%s\" does not exist", community->code,
			YG_L(zh_role, en_role), code);
	if (rc != YG_OK)
		return rc;
	if (h.kind != YG_KIND_HOSPITAL)
		rc = yg_fail(YG_EINVAL, "community %s: %s %s is not a hospital", community->code,
			YG_L(zh_role, en_role), code);
	else if (lead && !yg_org_within(db, community->id, h.id))
		/* DESIGN §1: one of its own hospitals. */
		rc = yg_fail(YG_EINVAL,
			"community %s: the lead hospital %s must be one of its own hospitals",
			community->code, code);
	else if (!lead && h.tier != YG_TIER_TERTIARY)
		rc = yg_fail(YG_EINVAL, "community %s: the supporting hospital %s must be tertiary",
			community->code, code);
	else if (!lead && yg_org_within(db, community->id, h.id))
		rc = yg_fail(YG_EINVAL,
			"community %s: the supporting hospital %s must be outside the community",
			community->code, code);
	else
		*id = h.id;
	yg_org_clear(&h);
	return rc;
}

int yg_org_set_support(yg_db *db, const char *community_code, const char *lead_code,
	const char *supporting_code, bool *changed)
{
	struct yg_org c = { 0 };
	int64_t lead = 0, supporting = 0;
	sqlite3_stmt *st = NULL;
	int rc;

	if (changed)
		*changed = false;
	if ((rc = yg_need_role(db, YG_ROLE_ADMIN, "管理机构", N_("manage org units"))) != YG_OK)
		return rc;
	if ((rc = yg_org_get(db, community_code, &c)) != YG_OK)
		return rc;
	if (!db->system && (rc = yg_need_scope(db, c.id)) != YG_OK)
		goto out;
	if (c.kind != YG_KIND_COMMUNITY && ((lead_code && *lead_code) ||
	    (supporting_code && *supporting_code))) {
		rc = yg_fail(YG_EINVAL,
			"org %s is not a medical community: only communities have a lead and a "
			"supporting hospital", c.code);
		goto out;
	}
	if (c.kind != YG_KIND_COMMUNITY)
		goto out; /* nothing to say, nothing said */
	if ((rc = support_unit(db, &c, lead_code, true, &lead)) != YG_OK ||
	    (rc = support_unit(db, &c, supporting_code, false, &supporting)) != YG_OK)
		goto out;
	if ((rc = yg_write_begin(db)) != YG_OK)
		goto out;
	st = yg_prepare(db, "UPDATE org_unit SET"
		" lead_id = CASE WHEN ?2 THEN nullif(?3, 0) ELSE lead_id END,"
		" supporting_id = CASE WHEN ?4 THEN nullif(?5, 0) ELSE supporting_id END"
		" WHERE id = ?1");
	if (!st) {
		rc = yg_write_end(db, YG_ERROR);
		goto out;
	}
	sqlite3_bind_int64(st, 1, c.id);
	sqlite3_bind_int(st, 2, lead_code != NULL);
	sqlite3_bind_int64(st, 3, lead);
	sqlite3_bind_int(st, 4, supporting_code != NULL);
	sqlite3_bind_int64(st, 5, supporting);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "org");
	sqlite3_finalize(st);
	/* One audit line per role that changed: "code.lead", old → new code. */
	const char *olds[2] = { c.lead_code, c.supporting_code };
	const char *news[2] = { lead_code, supporting_code };
	for (int i = 0; i < 2 && rc == YG_OK; i++) {
		const char *o = olds[i] ? olds[i] : "", *n = news[i];
		if (!n || strcmp(o, n) == 0)
			continue;
		char *key = yg_asprintf("%s.%s", c.code, i ? "supporting" : "lead");
		rc = key ? yg_audit_add(db, 0, "org", key, *o ? o : NULL, *n ? n : NULL, NULL)
			: YG_ENOMEM;
		free(key);
		if (changed)
			*changed = true;
	}
	rc = yg_write_end(db, rc);
out:
	yg_org_clear(&c);
	return rc;
}

static bool code_is_valid(const char *code)
{
	size_t n = strlen(code);
	if (n == 0 || n > 32)
		return false;
	for (const char *p = code; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= 'a' && *p <= 'z') || *p == '-' || *p == '_' || *p == '.'))
			return false;
	return true;
}

/* Which kinds may sit under which: keeps the tree meaningful.  Above the
 * county, a province may hold counties directly (省直管县), and a
 * prefecture or province its own hospitals (the city's tertiary hospitals
 * that support the counties' communities). */
static bool parent_fits(enum yg_kind child, enum yg_kind parent)
{
	switch (child) {
	case YG_KIND_PROVINCE: return false;
	case YG_KIND_PREFECTURE: return parent == YG_KIND_PROVINCE;
	case YG_KIND_COUNTY: return parent == YG_KIND_PREFECTURE || parent == YG_KIND_PROVINCE;
	case YG_KIND_COMMUNITY: return parent == YG_KIND_COUNTY;
	case YG_KIND_HOSPITAL:
		return parent == YG_KIND_COUNTY || parent == YG_KIND_COMMUNITY ||
			parent == YG_KIND_PREFECTURE || parent == YG_KIND_PROVINCE;
	case YG_KIND_TOWNSHIP:
	case YG_KIND_COMMUNITY_CENTRE:
		return parent == YG_KIND_COUNTY || parent == YG_KIND_COMMUNITY;
	case YG_KIND_VILLAGE:
		return parent == YG_KIND_TOWNSHIP || parent == YG_KIND_COMMUNITY_CENTRE;
	default: return false;
	}
}

/* Characters of a unit's name: the longest official names run to ~40. */
#define ORG_NAME_MAX 100

static int org_validate(yg_db *db, const struct yg_org *org, struct yg_org *parent)
{
	int rc;
	if (!org->code || !code_is_valid(org->code))
		return yg_fail(YG_EINVAL,
			"org code \"%s\" is invalid: 1-32 letters, digits or - _ .",
			org->code ? org->code : "");
	if (!org->name || !*org->name)
		return yg_fail(YG_EINVAL, "org %s: the name is empty", org->code);
	if (yg_text_admit(org->name, strlen(org->name), ORG_NAME_MAX, "名称", N_("name")) != YG_OK) {
		char *zh = yg_asprintf("机构 %s 的%s", org->code, yg_errmsg_lang(YG_ZH));
		char *en = yg_asprintf("org %s: %s", org->code, yg_errmsg_lang(YG_EN));
		int rc2 = yg_fail_raw(YG_EINVAL, zh ? zh : "", en ? en : "");
		free(zh);
		free(en);
		return rc2;
	}
	if ((unsigned)org->kind >= YG_KIND_COUNT)
		return yg_fail(YG_EINVAL, "org %s: invalid kind", org->code);
	if ((unsigned)org->tier > YG_TIER_TERTIARY)
		return yg_fail(YG_EINVAL, "org %s: invalid tier", org->code);
	if (yg_kind_is_institution(org->kind) && org->tier == YG_TIER_NONE)
		return yg_fail(YG_EINVAL,
			"org %s is a %s and needs a tier (primary/secondary/tertiary)",
			org->code, yg_kind_label(org->kind));
	if ((org->kind == YG_KIND_TOWNSHIP || org->kind == YG_KIND_COMMUNITY_CENTRE) &&
	    org->tier != YG_TIER_PRIMARY)
		return yg_fail(YG_EINVAL,
			"org %s: township and community centres are tier primary", org->code);
	if (!yg_kind_is_institution(org->kind) && org->tier != YG_TIER_NONE &&
	    org->kind != YG_KIND_VILLAGE)
		return yg_fail(YG_EINVAL, "org %s: a %s has no tier",
			org->code, yg_kind_label(org->kind));
	/* A level without a parent is the root (one only: yg_org_put). */
	if (yg_kind_is_level(org->kind) && (!org->parent_code || !*org->parent_code))
		return YG_OK;
	if (!org->parent_code || !*org->parent_code)
		return yg_fail(YG_EINVAL, "org %s needs a parent code",
			org->code);
	if (strcmp(org->parent_code, org->code) == 0)
		return yg_fail(YG_EINVAL, "org %s cannot be its own parent",
			org->code);
	rc = yg_org_get(db, org->parent_code, parent);
	if (rc == YG_ENOTFOUND)
		return yg_fail(YG_EINVAL,
			"org %s: parent \"%s\" does not exist", org->code, org->parent_code);
	if (rc != YG_OK)
		return rc;
	if (!parent_fits(org->kind, parent->kind))
		return yg_fail(YG_EINVAL,
			"org %s: a %s cannot sit under a %s", org->code, yg_kind_label(org->kind),
			yg_kind_label(parent->kind));
	return YG_OK;
}

int yg_org_placement(yg_db *db, struct yg_findings *out)
{
	/* Every unit against its parent, and the root: the same parent_fits
	 * yg_org_put applies to one unit, here to the tree as it stands. */
	sqlite3_stmt *st = yg_prepare(db, "SELECT c.code, c.kind, p.code, p.kind"
		" FROM org_unit c LEFT JOIN org_unit p ON p.id = c.parent_id"
		" WHERE p.id IS NOT NULL OR c.kind NOT IN ('county', 'prefecture', 'province')"
		" OR c.id != (SELECT min(id) FROM org_unit WHERE parent_id IS NULL) ORDER BY c.code");
	int rc;

	if (!st)
		return YG_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		int kind = yg_kind_parse((const char *)sqlite3_column_text(st, 1));
		const char *pcode = (const char *)sqlite3_column_text(st, 2);
		int pkind = yg_kind_parse((const char *)sqlite3_column_text(st, 3));
		struct yg_finding *f = NULL;

		if (!pcode)
			f = yg_findings_add(out, "DB", YG_SEV_ERROR, NULL,
				"unit %s has no"
				" parent, but only the root (a county, prefecture or province) has none",
				code);
		else if (kind < 0 || pkind < 0 || !parent_fits((enum yg_kind)kind, (enum yg_kind)pkind))
			f = yg_findings_add(out, "DB", YG_SEV_ERROR, NULL,
				"unit %s (a %s) cannot sit under %s (a %s)",
				code, yg_kind_name((enum yg_kind)kind), pcode,
				yg_kind_name((enum yg_kind)pkind));
		if (f)
			f->org_code = yg_strdup(code);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "org placement");
}

int yg_org_tree_verify(yg_db *db)
{
	struct yg_findings f;
	int rc;

	yg_findings_init(&f);
	rc = yg_org_placement(db, &f);
	if (rc == YG_OK && f.n)
		rc = yg_fail_raw(YG_EINVAL, f.v[0].zh, f.v[0].en);
	yg_findings_free(&f);
	return rc;
}

static char *org_describe(const struct yg_org *o)
{
	return yg_asprintf("%s|%s|%s|%s|%s|%d|%d|%d|%d", o->code, o->name,
		yg_kind_name(o->kind), yg_tier_name(o->tier), o->parent_code ? o->parent_code : "",
		o->key_central, o->closed, o->opened, o->closed ? o->closed_in : 0);
}

int yg_org_put(yg_db *db, const struct yg_org *org, bool *changed)
{
	return yg_org_put_noted(db, org, changed, NULL);
}

int yg_org_put_noted(yg_db *db, const struct yg_org *org, bool *changed, const char *comment)
{
	struct yg_org parent = { 0 }, old = { 0 }, now;
	sqlite3_stmt *st;
	char *before = NULL, *after = NULL;
	int rc, found;

	if (changed)
		*changed = false;
	if ((rc = yg_need_role(db, YG_ROLE_ADMIN, "管理机构", N_("manage org units"))) != YG_OK)
		return rc;
	if ((rc = org_validate(db, org, &parent)) != YG_OK)
		goto out;
	/* Where the unit goes: under a parent in scope; the root itself only
	 * by a root-scoped admin. */
	if ((rc = yg_need_access(db, YG_ROLE_ADMIN, "管理机构", N_("manage org units"), 0,
			parent.id ? parent.id : YG_PLACE_ROOT)) != YG_OK)
		goto out;
	if ((rc = yg_write_begin(db)) != YG_OK)
		goto out;
	found = yg_org_get(db, org->code, &old);
	if (found == YG_OK) {
		/* And where it is now: a unit is placed by its parent, so moving
		 * or renaming it takes rights over its present parent (the root
		 * for the county itself). */
		rc = yg_need_access(db, YG_ROLE_ADMIN, "管理机构", N_("manage org units"),
			old.parent_id ? old.parent_id : YG_PLACE_ROOT, 0);
		if (rc == YG_OK && !old.parent_id && org->kind != old.kind) {
			rc = yg_fail(YG_EINVAL,
				"org %s is the root (a %s) and cannot change kind", org->code,
				yg_kind_label(old.kind));
		} else if (rc == YG_OK && parent.id && yg_org_within(db, old.id, parent.id)) {
			rc = yg_fail(YG_EINVAL,
				"org %s cannot move below its own descendant", org->code);
		}
		st = yg_prepare(db, "UPDATE org_unit SET name = ?2, kind = ?3, tier = ?4,"
			" parent_id = ?5, key_central = ?6, closed = ?7, opened = ?9,"
			" closed_period = ?10 WHERE id = ?1");
	} else if (found == YG_ENOTFOUND) {
		if (!parent.id) {
			sqlite3_stmt *q = yg_prepare(db,
				"SELECT code, kind FROM org_unit WHERE parent_id IS NULL");
			if (q && sqlite3_step(q) == SQLITE_ROW)
				rc = yg_fail(YG_EINVAL,
					"there is already a root, %s (a %s): one database has one root",
					(const char *)sqlite3_column_text(q, 0),
					yg_kind_label(yg_kind_parse(
						(const char *)sqlite3_column_text(q, 1))));
			sqlite3_finalize(q);
		}
		st = yg_prepare(db, "INSERT INTO org_unit(id, name, kind, tier, parent_id,"
			" key_central, closed, code, opened, closed_period)"
			" VALUES(NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	} else {
		rc = found;
		st = NULL;
	}
	if (rc == YG_OK && !st)
		rc = YG_ERROR;
	/* The months it files for: unsaid, they stay as stored; a new unit
	 * opens this month, and one closing now closes this month. */
	now = *org;
	if (!now.opened)
		now.opened = found == YG_OK ? old.opened : yg_period_current();
	if (now.closed && !now.closed_in)
		now.closed_in = found == YG_OK && old.closed && old.closed_in ? old.closed_in :
			yg_period_current();
	if (now.closed && now.closed_in < now.opened)
		rc = yg_fail(YG_EINVAL, "org %s would close before it opened", org->code);
	if (rc == YG_OK) {
		sqlite3_bind_int64(st, 1, old.id);
		sqlite3_bind_text(st, 2, org->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, yg_kind_name(org->kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, yg_tier_name(org->tier), -1, SQLITE_STATIC);
		if (parent.id)
			sqlite3_bind_int64(st, 5, parent.id);
		else
			sqlite3_bind_null(st, 5);
		sqlite3_bind_int(st, 6, org->key_central);
		sqlite3_bind_int(st, 7, org->closed);
		if (found != YG_OK)
			sqlite3_bind_text(st, 8, org->code, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 9, now.opened);
		if (now.closed)
			sqlite3_bind_int(st, 10, now.closed_in);
		else
			sqlite3_bind_null(st, 10);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = yg_sql_fail(db, "org");
	}
	sqlite3_finalize(st);
	if (rc == YG_OK) {
		/* The tree is checked as a whole before the transaction commits
		 * (yg_write_end): a unit with children cannot take a kind they may
		 * not sit under, whatever order a file changes them in. */
		db->verify_at_commit = yg_org_tree_verify;
		before = found == YG_OK ? org_describe(&old) : NULL;
		after = org_describe(&now);
		if (!before || strcmp(before, after) != 0) {
			if (changed)
				*changed = true;
			rc = yg_audit_add(db, 0, "org", org->code, before, after, comment);
		}
	}
	rc = yg_write_end(db, rc);
out:
	free(before);
	free(after);
	yg_org_clear(&parent);
	yg_org_clear(&old);
	return rc;
}

int yg_org_save(yg_db *db, const struct yg_org *org, bool adding, const char *lead_code,
	const char *supporting_code, bool *changed)
{
	bool links = org->kind == YG_KIND_COMMUNITY || lead_code || supporting_code;
	int rc;

	assert(db && org && org->code);
	if (adding) {
		struct yg_org old = { 0 };

		/* yg_org_put adds or updates: adding must not overwrite a unit. */
		if (yg_org_get(db, org->code, &old) == YG_OK) {
			yg_org_clear(&old);
			return yg_fail(YG_EEXIST, "code %s is already in use", org->code);
		}
	}
	if ((rc = yg_begin(db)) != YG_OK)
		return rc;
	rc = yg_org_put(db, org, changed);
	if (rc == YG_OK && links)
		rc = yg_org_set_support(db, org->code, lead_code ? lead_code : "",
			supporting_code ? supporting_code : "", NULL);
	if (rc == YG_OK)
		return yg_commit(db);
	yg_rollback(db);
	return rc;
}
