/*
 * targets.c — the targets table (data/targets.csv): the thresholds and the
 * months each is in force, loaded at creation, read by the rules, changed
 * by an admin.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- targets ---- */

/* id,tier,threshold,unit,source,from,to: from and to are YYYY-MM, empty for
 * "since ever" and "no end". */
#define TARGET_COLUMNS 7

struct targets_parse {
	yg_db *db;
	sqlite3_stmt *insert;
	int column, line, rc;
};

static void target_field(void *s, size_t len, void *data)
{
	struct targets_parse *tp = data;
	(void)len;
	if (tp->line > 0 && tp->column < TARGET_COLUMNS)
		sqlite3_bind_text(tp->insert, tp->column + 1, s, -1, SQLITE_TRANSIENT);
	tp->column++;
}

static void target_row(int term, void *data)
{
	struct targets_parse *tp = data;
	(void)term;
	if (tp->line++ > 0 && tp->rc == YG_OK) {
		if (tp->column != TARGET_COLUMNS || sqlite3_step(tp->insert) != SQLITE_DONE)
			tp->rc = yg_fail(YG_ERROR,
				"data/targets.csv line %d is malformed", tp->line);
		sqlite3_reset(tp->insert);
	}
	tp->column = 0;
}

int yg_targets_load(yg_db *db)
{
	struct csv_parser p;
	struct targets_parse tp = { .db = db };
	size_t len = strlen(yg_targets_csv);
	int rc;

	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	rc = yg_exec(db, "DELETE FROM target");
	tp.insert = yg_prepare(db, "INSERT INTO target(id, tier, threshold, unit, source,"
		" valid_from, valid_to) VALUES(?1, ?2, CAST(?3 AS INTEGER), ?4, ?5,"
		" CAST(replace(?6, '-', '') AS INTEGER),"
		" CAST(nullif(replace(?7, '-', ''), '') AS INTEGER))");
	if (rc != YG_OK || !tp.insert)
		return yg_write_end(db, YG_ERROR);
	csv_init(&p, CSV_STRICT | CSV_APPEND_NULL);
	if (csv_parse(&p, yg_targets_csv, len, target_field, target_row, &tp) != len)
		tp.rc = yg_fail(YG_ERROR, "data/targets.csv is malformed");
	csv_fini(&p, target_field, target_row, &tp);
	csv_free(&p);
	sqlite3_finalize(tp.insert);
	return yg_write_end(db, tp.rc);
}

int64_t yg_threshold(yg_db *db, const char *target, enum yg_tier tier, int64_t fallback)
{
	int64_t v = fallback;
	/* The row in force now, else the latest: callers without a month. */
	yg_target_at(db, target, tier, yg_period_current(), fallback, &v);
	return v;
}

/* A target's rows are those of its id and of its parts: T6 has T6R and T6K. */
#define TARGET_IDS "(id = ?1 OR (length(id) = length(?1) + 1 AND substr(id, 1, length(?1)) = ?1" \
	" AND substr(id, -1) BETWEEN 'A' AND 'Z'))"
#define TARGET_ROWS TARGET_IDS " AND tier IN (?2, '')"

/* The memo of yg_target_at, forgotten first when another connection has
 * committed since it was filled. */
static ssize_t memo_find(yg_db *db, const char *target, enum yg_tier tier, yg_period p,
	int64_t fallback)
{
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_DATA_VERSION, "PRAGMA data_version");
	int version = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	if (st)
		sqlite3_reset(st);
	if (version < 0 || version != db->memo_version) {
		yg_target_memo_forget(db);
		db->memo_version = version;
		return -1;
	}
	for (size_t i = 0; i < db->nmemo; i++)
		if (db->memo[i].tier == tier && db->memo[i].p == p &&
		    db->memo[i].fallback == fallback && !strcmp(db->memo[i].id, target))
			return (ssize_t)i;
	return -1;
}

static void memo_keep(yg_db *db, const char *target, enum yg_tier tier, yg_period p,
	int64_t fallback, enum yg_force force, int64_t v)
{
	size_t i = db->memo_next;

	if (strlen(target) >= sizeof db->memo[0].id || db->memo_version < 0)
		return;
	snprintf(db->memo[i].id, sizeof db->memo[i].id, "%s", target);
	db->memo[i].tier = tier;
	db->memo[i].p = p;
	db->memo[i].fallback = fallback;
	db->memo[i].force = force;
	db->memo[i].threshold = v;
	db->memo_next = (i + 1) % (sizeof db->memo / sizeof db->memo[0]);
	if (db->nmemo < sizeof db->memo / sizeof db->memo[0])
		db->nmemo++;
}


enum yg_force yg_target_at(yg_db *db, const char *target, enum yg_tier tier, yg_period p,
	int64_t fallback, int64_t *threshold)
{
	sqlite3_stmt *st;
	enum yg_force force = YG_FORCE_NO_ROW;
	int64_t v = fallback;
	ssize_t m = memo_find(db, target, tier, p, fallback);

	if (m >= 0) {
		if (threshold)
			*threshold = db->memo[m].threshold;
		return db->memo[m].force;
	}

	/* Exactly this id: in force at p, the tier's own row before the
	 * every-tier one, the latest start first. */
	st = yg_prepare(db, "SELECT threshold, valid_from <= ?3 AND (valid_to IS NULL OR"
		" valid_to >= ?3) FROM target WHERE id = ?1 AND tier IN (?2, '')"
		" ORDER BY 2 DESC, tier DESC, (valid_from <= ?3) DESC, valid_from DESC LIMIT 1");
	if (st) {
		sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, yg_tier_name(tier), -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, p);
		if (sqlite3_step(st) == SQLITE_ROW) {
			v = sqlite3_column_int64(st, 0);
			force = sqlite3_column_int(st, 1) ? YG_FORCE_IN : YG_FORCE_NOT_YET;
		}
		sqlite3_finalize(st);
	}
	if (force == YG_FORCE_NO_ROW) {
		/* A rule whose thresholds are its parts' rows (T6: T6R, T6K). */
		st = yg_prepare(db, "SELECT max(valid_from <= ?3 AND (valid_to IS NULL OR"
			" valid_to >= ?3)), min(valid_from) > ?3 FROM target WHERE " TARGET_ROWS
			" HAVING count(*) > 0");
		if (st) {
			sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, yg_tier_name(tier), -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 3, p);
			if (sqlite3_step(st) == SQLITE_ROW)
				force = sqlite3_column_int(st, 0) ? YG_FORCE_IN :
					sqlite3_column_int(st, 1) ? YG_FORCE_NOT_YET : YG_FORCE_ENDED;
			sqlite3_finalize(st);
		}
	} else if (force == YG_FORCE_NOT_YET) {
		/* Not in force: before its first month, or after its last. */
		st = yg_prepare(db, "SELECT min(valid_from) > ?3 FROM target WHERE id = ?1"
			" AND tier IN (?2, '')");
		if (st) {
			sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, yg_tier_name(tier), -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 3, p);
			if (sqlite3_step(st) == SQLITE_ROW && !sqlite3_column_int(st, 0))
				force = YG_FORCE_ENDED;
			sqlite3_finalize(st);
		}
	}
	memo_keep(db, target, tier, p, fallback, force, v);
	if (threshold)
		*threshold = v;
	return force;
}

/* ---- targets in force ---- */

int yg_findings_in_force(yg_db *db, struct yg_findings *f, enum yg_tier tier, yg_period p)
{
	for (size_t i = 0; i < f->n; i++) {
		struct yg_finding *x = &f->v[i];
		enum yg_force force;
		char *zh, *en;

		if (x->severity != YG_SEV_TARGET || x->met == YG_NOT_IN_FORCE)
			continue;
		force = yg_target_at(db, x->rule, tier, p, 0, NULL);
		if (force != YG_FORCE_NOT_YET && force != YG_FORCE_ENDED)
			continue;
		/* Say from (or until) when; the figure stays in the message: it
		 * is still worth seeing. */
		yg_period edge = 0;
		sqlite3_stmt *st = yg_prepare(db, force == YG_FORCE_NOT_YET ?
			"SELECT min(valid_from) FROM target WHERE " TARGET_ROWS " AND valid_from > ?3" :
			"SELECT max(valid_to) FROM target WHERE " TARGET_ROWS " AND valid_to < ?3");
		if (st) {
			sqlite3_bind_text(st, 1, x->rule, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, yg_tier_name(tier), -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 3, p);
			if (sqlite3_step(st) == SQLITE_ROW)
				edge = sqlite3_column_int(st, 0);
			sqlite3_finalize(st);
		}
		char month[8] = "?";
		if (edge)
			yg_period_format(edge, month);
		if (force == YG_FORCE_NOT_YET) {
			zh = yg_asprintf("%s 自 %s 起生效,本月未生效:%s", x->rule, month,
				x->zh ? x->zh : "");
			en = yg_asprintf("%s in force from %s, not yet: %s", x->rule, month,
				x->en ? x->en : "");
		} else {
			zh = yg_asprintf("%s 已于 %s 停止,本月未生效:%s", x->rule, month,
				x->zh ? x->zh : "");
			en = yg_asprintf("%s ended in %s, not in force: %s", x->rule, month,
				x->en ? x->en : "");
		}
		if (!zh || !en) {
			free(zh);
			free(en);
			return yg_fail(YG_ENOMEM, "out of memory");
		}
		free(x->zh);
		free(x->en);
		x->zh = zh;
		x->en = en;
		x->met = YG_NOT_IN_FORCE;
	}
	return YG_OK;
}

/* ---- the targets table, read and changed by an admin ---- */

void yg_target_list_free(struct yg_target *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].unit);
		free(v[i].source);
	}
	free(v);
}

int yg_target_list(yg_db *db, const char *id, struct yg_target **out, size_t *n)
{
	assert(db && out && n);
	/* Ids sort as numbers after the T: T2 before T10. */
	sqlite3_stmt *st;
	struct yg_target *v = NULL;
	size_t cap = 0, count = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = yg_need_login(db)) != YG_OK)
		return rc;
	st = yg_prepare(db, "SELECT id, tier, valid_from, valid_to, threshold, unit, source"
		" FROM target WHERE ?1 IS NULL OR " TARGET_IDS
		" ORDER BY CAST(substr(id, 2) AS INTEGER), id, tier, valid_from");
	if (!st)
		return YG_ERROR;
	if (id)
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 32;
			struct yg_target *nv = realloc(v, cap * sizeof *v);
			if (!nv) {
				sqlite3_finalize(st);
				yg_target_list_free(v, count);
				return yg_fail(YG_ENOMEM, "out of memory");
			}
			v = nv;
		}
		struct yg_target *t = &v[count++];
		t->id = yg_col_text(st, 0);
		t->tier = (enum yg_tier)yg_tier_parse((const char *)sqlite3_column_text(st, 1));
		t->from = sqlite3_column_int(st, 2);
		t->to = sqlite3_column_int(st, 3);
		t->threshold = sqlite3_column_int64(st, 4);
		t->unit = yg_col_text(st, 5);
		t->source = yg_col_text(st, 6);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		yg_target_list_free(v, count);
		return yg_sql_fail(db, "target");
	}
	*out = v;
	*n = count;
	return YG_OK;
}

static char *target_describe(int64_t threshold, yg_period from, yg_period to)
{
	char f[8] = "", t[8] = "";
	if (from)
		yg_period_format(from, f);
	if (to)
		yg_period_format(to, t);
	return yg_asprintf("%lld %s..%s", (long long)threshold, f, t);
}

int yg_target_put(yg_db *db, const struct yg_target *t, yg_period old_from)
{
	sqlite3_stmt *st;
	const char *tier = yg_tier_name(t->tier);
	char *before = NULL, *after = NULL, *key = NULL;
	int64_t old_threshold = 0;
	yg_period old_to = 0;
	bool found = false;
	int rc = yg_need_role(db, YG_ROLE_ADMIN, "修改目标", N_("change targets"));

	if (rc != YG_OK)
		return rc;
	if (!t->id || !*t->id)
		return yg_fail(YG_EINVAL, "the target id is empty");
	if (t->threshold < 0)
		return yg_fail(YG_EINVAL, "target %s: the threshold "
			"cannot be negative", t->id);
	if (t->from < 0 || (t->to && t->to < t->from))
		return yg_fail(YG_EINVAL, "target %s: the last month is before the first", t->id);
	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	if (old_from >= 0) {
		st = yg_prepare(db, "SELECT threshold, valid_to FROM target WHERE id = ?"
			" AND tier = ? AND valid_from = ?");
		if (!st)
			return yg_write_end(db, YG_ERROR);
		sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, tier, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, old_from);
		if (sqlite3_step(st) == SQLITE_ROW) {
			found = true;
			old_threshold = sqlite3_column_int64(st, 0);
			old_to = sqlite3_column_int(st, 1);
		}
		sqlite3_finalize(st);
		if (!found) {
			rc = yg_fail(YG_ENOTFOUND, "target %s has no such row",
				t->id);
			return yg_write_end(db, rc);
		}
	}
	if (old_from < 0) {
		/* A new threshold from a month ends the row in force then, so the
		 * months before keep theirs (audited as that row's change). */
		st = yg_prepare(db, "SELECT valid_from, threshold, valid_to FROM target"
			" WHERE id = ?1 AND tier = ?2 AND valid_from < ?3"
			" AND coalesce(valid_to, 999999) >= ?3");
		if (!st)
			return yg_write_end(db, YG_ERROR);
		sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, tier, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, t->from);
		if (sqlite3_step(st) == SQLITE_ROW) {
			struct yg_target prev = { .id = t->id, .tier = t->tier,
				.from = sqlite3_column_int(st, 0),
				.threshold = sqlite3_column_int64(st, 1),
				.to = yg_period_add(t->from, -1) };
			sqlite3_finalize(st);
			rc = yg_target_put(db, &prev, prev.from);
			if (rc != YG_OK)
				return yg_write_end(db, rc);
		} else {
			sqlite3_finalize(st);
		}
	}
	/* Rows of one id and tier never overlap: a month has one threshold. */
	st = yg_prepare(db, "SELECT valid_from FROM target WHERE id = ?1 AND tier = ?2"
		" AND valid_from <> ?3 AND valid_from <= coalesce(nullif(?5, 0), 999999)"
		" AND coalesce(valid_to, 999999) >= ?4");
	if (!st)
		return yg_write_end(db, YG_ERROR);
	sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tier, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, old_from);
	sqlite3_bind_int(st, 4, t->from);
	sqlite3_bind_int(st, 5, t->to);
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = yg_fail(YG_EINVAL,
			"target %s already has a row for some of these months: end that row first",
			t->id);
	sqlite3_finalize(st);
	if (rc != YG_OK)
		return yg_write_end(db, rc);
	if (found)
		st = yg_prepare(db, "UPDATE target SET threshold = ?4, valid_from = ?5,"
			" valid_to = nullif(?6, 0) WHERE id = ?1 AND tier = ?2 AND valid_from = ?3");
	else
		st = yg_prepare(db, "INSERT INTO target(id, tier, valid_from, valid_to, threshold,"
			" unit, source) SELECT ?1, ?2, ?5, nullif(?6, 0), ?4, unit, source FROM target"
			" WHERE id = ?1 ORDER BY valid_from DESC LIMIT 1");
	if (!st)
		return yg_write_end(db, YG_ERROR);
	sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tier, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, old_from);
	sqlite3_bind_int64(st, 4, t->threshold);
	sqlite3_bind_int(st, 5, t->from);
	sqlite3_bind_int(st, 6, t->to);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "target");
	if (rc == YG_OK && sqlite3_changes(db->sql) == 0)
		rc = yg_fail(YG_ENOTFOUND, "no target %s", t->id);
	sqlite3_finalize(st);
	if (rc == YG_OK) {
		before = found ? target_describe(old_threshold, old_from, old_to) : NULL;
		after = target_describe(t->threshold, t->from, t->to);
		key = *tier ? yg_asprintf("%s/%s", t->id, tier) : yg_strdup(t->id);
		if (!after || !key)
			rc = yg_fail(YG_ENOMEM, "out of memory");
		else if (!before || strcmp(before, after) != 0)
			rc = yg_audit_add(db, 0, "target", key, before, after, NULL);
	}
	free(before);
	free(after);
	free(key);
	return yg_write_end(db, rc);
}
