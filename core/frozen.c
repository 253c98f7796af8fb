/*
 * frozen.c — roster changes may not move the figures of a return that is
 * submitted or approved.
 *
 * A return's derived fields (postings active, days on site, referrals) are
 * computed from the rosters while it is a draft and stored, frozen, when it
 * is submitted.  A posting edited or deleted afterwards would leave the
 * roster and the approved return disagreeing without anyone seeing it.  So
 * every roster write takes a snapshot of what the frozen returns it could
 * feed would compute before the change, and compares after it, inside the
 * same transaction: a change that moves a figure is refused (and rolled
 * back) with the return named and who can reopen it.  Comparing before and
 * after, rather than with the stored figures, refuses only what this change
 * moves, not an older disagreement it did not cause.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct frozen_sub {
	struct yg_sub *sub;
	struct yg_value *before;   /* the derived figures before the change */
};

struct yg_frozen {
	struct frozen_sub *v;
	size_t n;
};

/* The derived figures of sub as the rosters stand now, into out. */
static int derive_now(yg_db *db, struct yg_sub *sub, struct yg_value *out)
{
	const struct yg_form *form = sub->form;
	bool system = db->system;
	int rc;

	/* A unit above the actor's own may count the actor's records: read
	 * its rosters to compare, never to show. */
	db->system = true;
	rc = form->derive(db, sub);
	db->system = system;
	for (size_t i = 0; rc == YG_OK && i < form->nfields; i++) {
		yg_value_clear(&out[i]);
		if (!form->fields[i].derived)
			continue;
		out[i] = sub->values[i];
		if (out[i].text)
			out[i].text = strdup(out[i].text);
	}
	return rc;
}

void yg_frozen_free(struct yg_frozen *fz)
{
	if (!fz)
		return;
	for (size_t i = 0; i < fz->n; i++) {
		if (fz->v[i].before)
			yg_values_free(fz->v[i].before, fz->v[i].sub->form->nfields);
		yg_sub_free(fz->v[i].sub);
	}
	free(fz->v);
	free(fz);
}

int yg_frozen_begin(yg_db *db, int64_t org_a, int64_t org_b, yg_period p, struct yg_frozen **out)
{
	/* The units whose returns count these records: the holder and those
	 * above it (a return counts its own roster and those below). */
	sqlite3_stmt *st = yg_prepare(db,
		"WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT ?2 UNION"
		" SELECT o.parent_id FROM org_unit o JOIN up ON o.id = up.id"
		"  WHERE o.parent_id IS NOT NULL)"
		" SELECT s.id, s.form FROM submission s JOIN up ON up.id = s.org_id"
		" WHERE s.state IN ('submitted', 'approved') AND (?3 = 0 OR s.period = ?3)"
		" ORDER BY s.period, s.id");
	struct yg_frozen *fz = calloc(1, sizeof *fz);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc = YG_OK;

	*out = NULL;
	if (!st || !fz) {
		sqlite3_finalize(st);
		free(fz);
		return st ? yg_fail(YG_ENOMEM, "out of memory") : YG_ERROR;
	}
	sqlite3_bind_int64(st, 1, org_a);
	sqlite3_bind_int64(st, 2, org_b ? org_b : org_a);
	sqlite3_bind_int(st, 3, p);
	while (rc == YG_OK && sqlite3_step(st) == SQLITE_ROW) {
		const struct yg_form *form = yg_form_find((const char *)sqlite3_column_text(st, 1));

		if (!form || !form->derive)
			continue;
		if (n == cap) {
			int64_t *nv = realloc(ids, (cap = cap ? cap * 2 : 16) * sizeof *nv);

			if (!nv) {
				rc = yg_fail(YG_ENOMEM, "out of memory");
				break;
			}
			ids = nv;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	fz->v = n ? calloc(n, sizeof *fz->v) : NULL;
	if (n && !fz->v && rc == YG_OK)
		rc = yg_fail(YG_ENOMEM, "out of memory");
	for (size_t i = 0; rc == YG_OK && i < n; i++) {
		struct frozen_sub *f = &fz->v[fz->n];
		bool system = db->system;

		db->system = true;
		rc = yg_sub_load_id(db, ids[i], &f->sub);
		db->system = system;
		if (rc != YG_OK)
			break;
		fz->n++;
		f->before = yg_values_new(f->sub->form->nfields);
		rc = f->before ? derive_now(db, f->sub, f->before) :
			yg_fail(YG_ENOMEM, "out of memory");
	}
	free(ids);
	if (rc != YG_OK) {
		yg_frozen_free(fz);
		return rc;
	}
	*out = fz;
	return YG_OK;
}

/* Logins that may return or reopen a return of org_id: enabled reviewers
 * and admins at the unit or above it.  Caller frees; "" when none. */
static char *reviewers_of(yg_db *db, int64_t org_id)
{
	sqlite3_stmt *st = yg_prepare(db,
		"WITH RECURSIVE up(id) AS (SELECT ?1 UNION"
		" SELECT o.parent_id FROM org_unit o JOIN up ON o.id = up.id"
		"  WHERE o.parent_id IS NOT NULL)"
		" SELECT group_concat(login, ', ') FROM (SELECT u.login FROM app_user u"
		"  JOIN up ON up.id = u.org_id WHERE u.role IN ('reviewer', 'admin')"
		"  AND u.disabled = 0 ORDER BY u.role DESC, u.login LIMIT 4)");
	char *s = NULL;

	if (st) {
		sqlite3_bind_int64(st, 1, org_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			s = yg_col_text(st, 0);
		sqlite3_finalize(st);
	}
	return s ? s : strdup("");
}

static int refuse(yg_db *db, const struct yg_sub *sub, const struct yg_field *f,
	const struct yg_value *before, const struct yg_value *after)
{
	char per[8], *was = yg_field_format(f, before), *now = yg_field_format(f, after);
	char *who = reviewers_of(db, sub->org.id), *named;
	bool approved = sub->state == YG_ST_APPROVED;
	int rc;

	named = *who ? yg_asprintf(" (%s)", who) : strdup("");
	yg_period_format(sub->period, per);
	rc = yg_fail(YG_ESTATE,
		"%1$s %2$s %3$.0s%4$s is %5$s: this change would alter its %6$.0s%7$s (%8$s to"
		" %9$s). A reviewer%10$s must %11$.0s%12$s it first",
		sub->org.name, per, sub->form->zh, sub->form->en, yg_state_label(sub->state),
		f->zh, f->en, was && *was ? was : "-", now && *now ? now : "-",
		named ? named : "", approved ? "重开" : "退回", approved ? "reopen" : "return");
	free(named);
	free(who);
	free(was);
	free(now);
	return rc;
}

int yg_frozen_end(yg_db *db, struct yg_frozen *fz, int rc)
{
	struct yg_value *after = NULL;

	for (size_t i = 0; rc == YG_OK && fz && i < fz->n; i++) {
		struct frozen_sub *f = &fz->v[i];
		const struct yg_form *form = f->sub->form;

		if (!(after = yg_values_new(form->nfields))) {
			rc = yg_fail(YG_ENOMEM, "out of memory");
			break;
		}
		rc = derive_now(db, f->sub, after);
		for (size_t k = 0; rc == YG_OK && k < form->nfields; k++)
			if (form->fields[k].derived && !yg_value_equal(&f->before[k], &after[k]))
				rc = refuse(db, f->sub, &form->fields[k], &f->before[k], &after[k]);
		yg_values_free(after, form->nfields);
	}
	yg_frozen_free(fz);
	return rc;
}
