/*
 * memo.c — the figures of a month kept beside the data (schema 009): each
 * unit's line of the review grid, the targets dashboard and the outcome
 * indicators, so that a screen at a province reads a few rows instead of
 * adding up every institution's returns again.
 *
 * The core stores bytes and forgets them; it never computes a figure.  The
 * module that owns a kind (core/status.c, forms/dashboard.c,
 * forms/outcomes.c) packs its figures with yg_pack_*, behind a tag of its
 * own that it checks when unpacking: a row of another layout (an older
 * program) reads as absent and is computed again.  The schema's triggers
 * delete every row a write may have moved, in the writer's transaction, so
 * that a row present is a row true.
 *
 * Who may store: only a user whose scope is the whole tree, inside one write transaction that computes and stores, so that no
 * other writer moves the data in between.  An actor below the root computes
 * live: a community's or a county's figures are small, and a figure computed
 * through a partial scope (postings held by a hospital outside it) must
 * never be taken for the tree's.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

bool yg_memo_writable(yg_db *db)
{
	assert(db);
	/* Not the system actor (init, upgrades): the figures are computed over
	 * the acting user's tree, and it has none. */
	if (db->system || !db->actor.id)
		return false;
	/* Asked for every row of a grid and every month of a chart. */
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_MEMO_ROOT,
		"SELECT parent_id IS NULL FROM org_unit WHERE id = ?1");
	bool root = false;

	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, db->actor.org_id);
	root = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return root;
}

int yg_memo_sealed(yg_db *db, enum yg_memo_kind kind, yg_period p, bool *sealed)
{
	struct yg_pack none = { 0 };
	int rc = yg_memo_get(db, kind, p, 0, &none, sealed); /* a seal holds no bytes */

	yg_pack_free(&none);
	return rc;
}

int yg_memo_get(yg_db *db, enum yg_memo_kind kind, yg_period p, int64_t org_id,
	struct yg_pack *out, bool *found)
{
	assert(db && out && found && YG_PERIOD_VALID(p));
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_MEMO_GET,
		"SELECT data FROM figure_memo WHERE period = ?1 AND kind = ?2 AND org_id = ?3");
	int step, rc = YG_OK;

	*found = false;
	out->n = out->at = 0;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int(st, 1, p);
	sqlite3_bind_int(st, 2, (int)kind);
	sqlite3_bind_int64(st, 3, org_id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		const void *b = sqlite3_column_blob(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);

		if (yg_pack_bytes(out, b, len) != YG_OK)
			rc = YG_ENOMEM;
		else
			*found = true;
	} else if (step != SQLITE_DONE) {
		rc = yg_sql_fail(db, "memo");
	}
	sqlite3_reset(st);
	return rc;
}

int yg_memo_put(yg_db *db, enum yg_memo_kind kind, yg_period p, int64_t org_id,
	const struct yg_pack *data)
{
	assert(db && data && YG_PERIOD_VALID(p) && db->txn_depth > 0);
	sqlite3_stmt *st = yg_prepare_cached(db, YG_Q_MEMO_PUT, "INSERT OR REPLACE INTO"
		" figure_memo(period, kind, org_id, data) VALUES(?1, ?2, ?3, ?4)");
	int rc;

	if (!st)
		return YG_ERROR;
	sqlite3_bind_int(st, 1, p);
	sqlite3_bind_int(st, 2, (int)kind);
	sqlite3_bind_int64(st, 3, org_id);
	sqlite3_bind_blob(st, 4, data->b ? (const void *)data->b : "", (int)data->n,
		SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "memo");
	sqlite3_reset(st);
	return rc;
}

static int memo_seal(yg_db *db, enum yg_memo_kind kind, yg_period p)
{
	struct yg_pack none = { 0 };

	return yg_memo_put(db, kind, p, 0, &none);
}

int yg_memo_fill(yg_db *db, enum yg_memo_kind kind, yg_period p,
	int (*compute)(void *arg, yg_db *db, yg_period p), void *arg)
{
	assert(db && compute && YG_PERIOD_VALID(p));
	bool sealed;
	int rc;

	if (!yg_memo_writable(db))
		return YG_OK;
	if ((rc = yg_memo_sealed(db, kind, p, &sealed)) != YG_OK || sealed)
		return rc;
	/* Computed and stored in one transaction, so that no writer moves the
	 * data in between; sealed again inside it, since another process may
	 * have stored the month while this one waited for the lock. */
	if ((rc = yg_write_begin(db)) != YG_OK)
		return rc;
	if ((rc = yg_memo_sealed(db, kind, p, &sealed)) == YG_OK && !sealed &&
	    (rc = compute(arg, db, p)) == YG_OK)
		rc = memo_seal(db, kind, p);
	return yg_write_end(db, rc);
}

int yg_memo_unsealed(yg_db *db, enum yg_memo_kind kind, yg_period **out, size_t *n)
{
	assert(db && out && n);
	sqlite3_stmt *st = yg_prepare(db, "SELECT DISTINCT s.period FROM submission s"
		" WHERE NOT EXISTS (SELECT 1 FROM figure_memo m WHERE m.period = s.period"
		" AND m.kind = ?1 AND m.org_id = 0) ORDER BY s.period");
	size_t cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int(st, 1, (int)kind);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			yg_period *v = realloc(*out, (cap = cap ? cap * 2 : 32) * sizeof *v);

			if (!v) {
				sqlite3_finalize(st);
				return yg_fail(YG_ENOMEM, "out of memory");
			}
			*out = v;
		}
		(*out)[(*n)++] = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "memo");
}

/* ---- packing: zigzag varints, so that the many small counts of a
 * unit's figures take a byte each ---- */

static int grow(struct yg_pack *pk, size_t more)
{
	if (pk->n + more <= pk->cap)
		return YG_OK;
	size_t cap = pk->cap ? pk->cap : 64;
	while (cap < pk->n + more)
		cap *= 2;
	uint8_t *b = realloc(pk->b, cap);
	if (!b)
		return yg_fail(YG_ENOMEM, "out of memory");
	pk->b = b;
	pk->cap = cap;
	return YG_OK;
}

int yg_pack_bytes(struct yg_pack *pk, const void *b, size_t len)
{
	if (grow(pk, len) != YG_OK)
		return YG_ENOMEM;
	if (len)
		memcpy(pk->b + pk->n, b, len);
	pk->n += len;
	return YG_OK;
}

int yg_pack_int(struct yg_pack *pk, int64_t v)
{
	uint64_t z = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);

	if (grow(pk, 10) != YG_OK)
		return YG_ENOMEM;
	while (z >= 0x80) {
		pk->b[pk->n++] = (uint8_t)(z | 0x80);
		z >>= 7;
	}
	pk->b[pk->n++] = (uint8_t)z;
	return YG_OK;
}

bool yg_unpack_int(struct yg_pack *pk, int64_t *v)
{
	uint64_t z = 0;

	for (int shift = 0; shift < 64; shift += 7) {
		if (pk->at >= pk->n)
			return false;
		uint8_t c = pk->b[pk->at++];
		z |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*v = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
			return true;
		}
	}
	return false;
}

void yg_pack_free(struct yg_pack *pk)
{
	free(pk->b);
	*pk = (struct yg_pack){ 0 };
}
