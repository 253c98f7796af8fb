/*
 * submission.c — one institution's return of one form for one month, and
 * its life: draft → submitted → approved, returned, reopened.
 *
 * Every transition checks the acting user's role and scope here, so that no
 * screen or command can decide who may do what.  Saves are optimistic: a
 * copy remembers the version it was loaded at, and a save that finds the
 * stored version moved is refused, naming who saved in between.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define COMMENT_MAX_CHARS 500

static const char *const state_names[] = {
	[YG_ST_EMPTY] = "empty", [YG_ST_DRAFT] = "draft", [YG_ST_SUBMITTED] = "submitted",
	[YG_ST_RETURNED] = "returned", [YG_ST_APPROVED] = "approved",
	[YG_ST_REOPENED] = "reopened",
};

const char *yg_state_name(enum yg_state s)
{
	return (unsigned)s <= YG_ST_REOPENED ? state_names[s] : "";
}

const char *yg_state_label(enum yg_state s)
{
	switch (s) {
	case YG_ST_EMPTY: return _("not started");
	case YG_ST_DRAFT: return _("draft");
	case YG_ST_SUBMITTED: return _("submitted");
	case YG_ST_RETURNED: return _("returned");
	case YG_ST_APPROVED: return _("approved");
	case YG_ST_REOPENED: return _("reopened");
	}
	return "";
}

int yg_state_parse(const char *s)
{
	for (int i = 0; s && i <= YG_ST_REOPENED; i++)
		if (strcmp(s, state_names[i]) == 0)
			return i;
	return -1;
}

bool yg_state_editable(enum yg_state s)
{
	return s == YG_ST_EMPTY || s == YG_ST_DRAFT || s == YG_ST_RETURNED || s == YG_ST_REOPENED;
}

void yg_sub_free(struct yg_sub *sub)
{
	if (!sub)
		return;
	yg_org_clear(&sub->org);
	free(sub->comment);
	free(sub->updated_by);
	free(sub->updated_at);
	free(sub->submitted_at);
	free(sub->reply);
	if (sub->form)
		yg_values_free(sub->values, sub->form->nfields);
	for (size_t i = 0; i < sub->nexpl; i++) {
		free(sub->expl[i].rule);
		free(sub->expl[i].text);
	}
	free(sub->expl);
	free(sub);
}

const struct yg_value *yg_sub_value(const struct yg_sub *sub, const char *key)
{
	int i = yg_field_index(sub->form, key);
	return i < 0 ? NULL : &sub->values[i];
}

int yg_sub_set(struct yg_sub *sub, const char *key, const char *text)
{
	int i = yg_field_index(sub->form, key);
	if (i < 0)
		return yg_fail(YG_EINVAL, "form %s has no field %s",
			sub->form->key, key);
	if (sub->form->fields[i].derived)
		return yg_fail(YG_EINVAL,
			"%s is computed from the records and cannot be typed in", key);
	return yg_field_parse(&sub->form->fields[i], text, &sub->values[i]);
}

const char *yg_sub_explanation(const struct yg_sub *sub, const char *rule)
{
	for (size_t i = 0; i < sub->nexpl; i++)
		if (strcmp(sub->expl[i].rule, rule) == 0)
			return sub->expl[i].text;
	return NULL;
}

int yg_sub_explain(struct yg_sub *sub, const char *rule, const char *text)
{
	static const struct yg_field expl_field = {
		.key = "explanation", .zh = "说明", .en = N_("explanation"),
		.type = YG_T_TEXT, .max = COMMENT_MAX_CHARS,
	};
	struct yg_value v = { 0 };
	int rc = yg_field_parse(&expl_field, text, &v);
	if (rc != YG_OK)
		return rc;
	for (size_t i = 0; i < sub->nexpl; i++)
		if (strcmp(sub->expl[i].rule, rule) == 0) {
			free(sub->expl[i].text);
			sub->expl[i].text = v.text ? v.text : strdup("");
			return YG_OK;
		}
	struct yg_explanation *e = realloc(sub->expl, (sub->nexpl + 1) * sizeof *e);
	if (!e) {
		yg_value_clear(&v);
		return yg_fail(YG_ENOMEM, "out of memory");
	}
	sub->expl = e;
	e[sub->nexpl].rule = strdup(rule);
	e[sub->nexpl].text = v.text ? v.text : strdup("");
	sub->nexpl++;
	return YG_OK;
}

/* ---- loading ---- */

static int load_values(yg_db *db, struct yg_sub *sub)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT key, num, txt FROM value WHERE submission_id = ?");
	int rc;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, sub->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i = yg_field_index(sub->form, (const char *)sqlite3_column_text(st, 0));
		if (i >= 0) /* a field dropped from the spec stays stored, unseen */
			yg_value_read(st, 1, 2, &sub->form->fields[i], &sub->values[i]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return yg_sql_fail(db, "values");
	st = yg_prepare(db, "SELECT rule, txt FROM explanation WHERE submission_id = ?");
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, sub->id);
	rc = YG_OK;
	while (rc == YG_OK && sqlite3_step(st) == SQLITE_ROW)
		rc = yg_sub_explain(sub, (const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	return rc;
}

#define SUB_COLUMNS "id, org_id, form, period, state, version, comment, updated_by," \
	" updated_at, submitted_at FROM submission"

static int sub_fill(yg_db *db, sqlite3_stmt *st, struct yg_sub *sub)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return YG_ENOTFOUND;
	if (rc != SQLITE_ROW)
		return yg_sql_fail(db, "submission");
	sub->id = sqlite3_column_int64(st, 0);
	sub->period = sqlite3_column_int(st, 3);
	sub->state = yg_state_parse((const char *)sqlite3_column_text(st, 4));
	sub->version = sqlite3_column_int64(st, 5);
	sub->comment = yg_col_text(st, 6);
	sub->updated_by = yg_col_text(st, 7);
	sub->updated_at = yg_col_text(st, 8);
	sub->submitted_at = yg_col_text(st, 9);
	return YG_OK;
}

static struct yg_sub *sub_alloc(const struct yg_form *form)
{
	struct yg_sub *sub = calloc(1, sizeof *sub);
	if (!sub)
		return NULL;
	sub->form = form;
	sub->values = yg_values_new(form->nfields);
	if (!sub->values) {
		free(sub);
		return NULL;
	}
	return sub;
}

/* Loads what is stored and, while the return is still editable, fills the
 * derived fields afresh from the records; once submitted they stay frozen. */
static int sub_finish_load(yg_db *db, struct yg_sub *sub)
{
	int rc = sub->id ? load_values(db, sub) : YG_OK;
	if (rc == YG_OK && sub->form->derive && yg_state_editable(sub->state))
		rc = sub->form->derive(db, sub);
	return rc;
}

/*
 * Steps st (SUB_COLUMNS of at most one row) into sub and completes the load;
 * no row is an empty return when empty_ok, else YG_ENOTFOUND.  Finalises st
 * (NULL: a failed prepare) and, on failure, frees sub.
 */
static int sub_load_row(yg_db *db, sqlite3_stmt *st, struct yg_sub *sub, bool empty_ok,
	struct yg_sub **out)
{
	int rc = st ? sub_fill(db, st, sub) : YG_ERROR;

	sqlite3_finalize(st);
	if (rc == YG_ENOTFOUND && empty_ok) {
		sub->state = YG_ST_EMPTY;
		rc = YG_OK;
	} else if (rc == YG_ENOTFOUND) {
		rc = yg_fail(YG_ENOTFOUND, "the return no longer exists");
	}
	if (rc == YG_OK)
		rc = sub_finish_load(db, sub);
	if (rc != YG_OK) {
		yg_sub_free(sub);
		return rc;
	}
	*out = sub;
	return YG_OK;
}

int yg_sub_load(yg_db *db, const char *form_key, const char *org_code, yg_period period,
	struct yg_sub **out)
{
	assert(db && out && YG_PERIOD_VALID(period));
	const struct yg_form *form = yg_form_find(form_key);
	struct yg_sub *sub;
	sqlite3_stmt *st;
	char pbuf[8];
	int rc;

	*out = NULL;
	if (!form || form->is_record)
		return yg_fail(YG_EINVAL, "no form \"%s\"", form_key ? form_key : "");
	if (!(sub = sub_alloc(form)))
		return yg_fail(YG_ENOMEM, "out of memory");
	rc = yg_org_get(db, org_code, &sub->org);
	if (rc == YG_OK)
		rc = yg_need_scope(db, sub->org.id);
	yg_period_format(period, pbuf);
	if (rc == YG_OK && !yg_form_files(db, form, &sub->org))
		rc = yg_fail(YG_EINVAL, "%s does not file the %s form",
			sub->org.code, form->key);
	if (rc != YG_OK) {
		yg_sub_free(sub);
		return rc;
	}
	sub->period = period;
	st = yg_prepare(db, "SELECT " SUB_COLUMNS " WHERE org_id = ? AND form = ? AND period = ?");
	if (st) {
		sqlite3_bind_int64(st, 1, sub->org.id);
		sqlite3_bind_text(st, 2, form->key, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, period);
	}
	return sub_load_row(db, st, sub, true, out);
}

int yg_sub_load_id(yg_db *db, int64_t id, struct yg_sub **out)
{
	assert(db && out);
	sqlite3_stmt *st = yg_prepare(db, "SELECT org_id, form FROM submission WHERE id = ?");
	const struct yg_form *form = NULL;
	struct yg_sub *sub;
	int64_t org_id = 0;
	int rc;

	*out = NULL;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		org_id = sqlite3_column_int64(st, 0);
		form = yg_form_find((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (!org_id)
		return yg_fail(YG_ENOTFOUND, "return #%lld does not exist",
			(long long)id);
	if ((rc = yg_need_scope(db, org_id)) != YG_OK)
		return rc;
	if (!form)
		return yg_fail(YG_ERROR, "return #%lld has an unknown form",
			(long long)id);
	if (!(sub = sub_alloc(form)))
		return yg_fail(YG_ENOMEM, "out of memory");
	if ((rc = yg_org_get_id(db, org_id, &sub->org)) != YG_OK) {
		yg_sub_free(sub);
		return rc;
	}
	st = yg_prepare(db, "SELECT " SUB_COLUMNS " WHERE id = ?");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	return sub_load_row(db, st, sub, false, out);
}

/* ---- who may do what ---- */

static int need_edit(yg_db *db, const struct yg_sub *sub)
{
	int rc = yg_need_access(db, YG_ROLE_CLERK, NULL, NULL, sub->org.id, 0);
	if (rc != YG_OK)
		return rc;
	/* Values are the institution's own word: only its clerk types them (an
	 * admin helps by acting as the clerk with --as, which is audited). */
	if (!db->system && db->actor.role != YG_ROLE_CLERK)
		return yg_fail(YG_EPERM,
			"only the institution's clerk fills in returns (an admin may use --as)");
	return YG_OK;
}

static int need_review(yg_db *db, const struct yg_sub *sub)
{
	return yg_need_access(db, YG_ROLE_REVIEWER, "审核", N_("reviewing"), sub->org.id, 0);
}

bool yg_sub_can_edit(yg_db *db, const struct yg_sub *sub)
{
	bool ok = yg_state_editable(sub->state) && need_edit(db, sub) == YG_OK;
	return ok;
}

bool yg_sub_can_review(yg_db *db, const struct yg_sub *sub)
{
	return need_review(db, sub) == YG_OK;
}

/* ---- saving ---- */

/* What the audit trail shows: language-independent, as CSV would write it. */
static char *audit_text(const struct yg_field *f, const struct yg_value *v)
{
	char buf[32];
	if (!v->set)
		return NULL;
	switch (f->type) {
	case YG_T_AMOUNT:
	case YG_T_DECIMAL:
		yg_format_fen(v->num, buf);
		return strdup(buf);
	case YG_T_DATE:
		yg_date_format((yg_date)v->num, buf);
		return strdup(buf);
	default:
		if (yg_type_is_text(f->type))
			return strdup(v->text ? v->text : "");
		snprintf(buf, sizeof buf, "%lld", (long long)v->num);
		return strdup(buf);
	}
}

/*
 * Locks the stored row for a write: fails with YG_ECONFLICT when its version
 * is not the one the caller loaded.  Inside a write transaction.
 */
static int check_version(yg_db *db, int64_t id, int64_t version, enum yg_state *state)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT version, state, updated_by, updated_at"
		" FROM submission WHERE id = ?");
	int rc;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? yg_fail(YG_ENOTFOUND,
			"return #%lld does not exist", (long long)id) : yg_sql_fail(db, "version");
	}
	*state = yg_state_parse((const char *)sqlite3_column_text(st, 1));
	if (sqlite3_column_int64(st, 0) != version) {
		rc = yg_fail(YG_ECONFLICT,
			"conflict: %s changed this return at %s. Your input is still on screen;"
			" note it, reopen the return and apply it again",
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3));
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	return YG_OK;
}

static int create_row(yg_db *db, struct yg_sub *sub, const char *now)
{
	sqlite3_stmt *st = yg_prepare(db, "INSERT INTO submission(org_id, form, period, state,"
		" version, created_at, updated_at, updated_by) VALUES(?, ?, ?, 'draft', 0, ?, ?, ?)"
		" ON CONFLICT DO NOTHING");
	int rc;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, sub->org.id);
	sqlite3_bind_text(st, 2, sub->form->key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, sub->period);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, db->actor.login, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return yg_sql_fail(db, "create");
	if (sqlite3_changes(db->sql) == 0) {
		/* Somebody started the same return since we looked. */
		return yg_fail(YG_ECONFLICT,
			"conflict: another user has just started this return; reopen it");
	}
	sub->id = sqlite3_last_insert_rowid(db->sql);
	sub->version = 0;
	return yg_audit_add(db, sub->id, "state", NULL, NULL, "draft", NULL);
}

/* The value of key was just entered by the acting user (the clerk, also
 * when an admin acts for them): storedby in the long export. */
static int note_storedby(yg_db *db, int64_t sub_id, const char *key)
{
	sqlite3_stmt *st = yg_prepare(db, "INSERT INTO value_note(submission_id, key, storedby)"
		" VALUES(?1, ?2, ?3) ON CONFLICT DO UPDATE SET storedby = excluded.storedby");
	int rc;

	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, sub_id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, db->actor.login, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "value");
	sqlite3_finalize(st);
	return rc;
}

/* Does finding x concern field key ("staffing.x" or "x")? */
static bool finding_on(const struct yg_finding *x, const char *key)
{
	const char *dot;

	if (!x->field)
		return false;
	dot = strrchr(x->field, '.');
	return !strcmp(x->field, key) || (dot && !strcmp(dot + 1, key));
}

/*
 * On submit: each value that raised a warning (an outlier is one) is
 * followed up, and carries the clerk's explanation of it upward (DHIS2's
 * followup and comment); the others carry neither.
 */
static int note_findings(yg_db *db, const struct yg_sub *sub, const struct yg_findings *f)
{
	sqlite3_stmt *st = yg_prepare(db, "INSERT INTO value_note(submission_id, key, comment,"
		" followup) VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE"
		" SET comment = excluded.comment, followup = excluded.followup");
	int rc = YG_OK;

	if (!st)
		return YG_ERROR;
	for (size_t i = 0; rc == YG_OK && i < sub->form->nfields; i++) {
		const char *key = sub->form->fields[i].key, *comment = NULL;
		bool followup = false;

		if (!sub->values[i].set)
			continue;
		for (size_t k = 0; k < f->n; k++) {
			const struct yg_finding *x = &f->v[k];

			if (x->severity != YG_SEV_WARNING || !finding_on(x, key))
				continue;
			followup = true;
			if (!comment)
				comment = yg_sub_explanation(sub, x->rule);
		}
		sqlite3_bind_int64(st, 1, sub->id);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
		if (comment && *comment)
			sqlite3_bind_text(st, 3, comment, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 3);
		sqlite3_bind_int(st, 4, followup);
		rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "value");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Writes the values that differ from what is stored, auditing each. */
static int write_values(yg_db *db, struct yg_sub *sub, bool *changed)
{
	struct yg_sub stored = { .id = sub->id, .form = sub->form };
	sqlite3_stmt *put = NULL, *del = NULL;
	int rc;

	stored.values = yg_values_new(sub->form->nfields);
	if (!stored.values)
		return yg_fail(YG_ENOMEM, "out of memory");
	rc = load_values(db, &stored);
	put = yg_prepare(db, "INSERT INTO value(submission_id, key, num, txt) VALUES(?, ?, ?, ?)"
		" ON CONFLICT DO UPDATE SET num = excluded.num, txt = excluded.txt");
	del = yg_prepare(db, "DELETE FROM value WHERE submission_id = ? AND key = ?");
	if (!put || !del)
		rc = YG_ERROR;
	for (size_t i = 0; rc == YG_OK && i < sub->form->nfields; i++) {
		const struct yg_field *f = &sub->form->fields[i];
		const struct yg_value *v = &sub->values[i];
		if (yg_value_equal(v, &stored.values[i]))
			continue;
		sqlite3_stmt *st = v->set ? put : del;
		sqlite3_bind_int64(st, 1, sub->id);
		sqlite3_bind_text(st, 2, f->key, -1, SQLITE_STATIC);
		if (v->set)
			yg_value_bind(st, 3, 4, f, v);
		rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "value");
		sqlite3_reset(st);
		if (rc == YG_OK && v->set)
			rc = note_storedby(db, sub->id, f->key);
		if (rc == YG_OK) {
			char *o = audit_text(f, &stored.values[i]), *n = audit_text(f, v);
			rc = yg_audit_add(db, sub->id, "value", f->key, o, n,
				f->derived ? "derived" : NULL);
			free(o);
			free(n);
			*changed = true;
		}
	}
	for (size_t i = 0; rc == YG_OK && i < sub->nexpl; i++) {
		const char *old = yg_sub_explanation(&stored, sub->expl[i].rule);
		if (old && strcmp(old, sub->expl[i].text) == 0)
			continue;
		sqlite3_stmt *st = yg_prepare(db, "INSERT INTO explanation(submission_id, rule, txt)"
			" VALUES(?, ?, ?) ON CONFLICT DO UPDATE SET txt = excluded.txt");
		if (!st) {
			rc = YG_ERROR;
			break;
		}
		sqlite3_bind_int64(st, 1, sub->id);
		sqlite3_bind_text(st, 2, sub->expl[i].rule, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, sub->expl[i].text, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "explanation");
		sqlite3_finalize(st);
		if (rc == YG_OK)
			rc = yg_audit_add(db, sub->id, "explanation", sub->expl[i].rule, old,
				sub->expl[i].text, NULL);
		*changed = true;
	}
	sqlite3_finalize(put);
	sqlite3_finalize(del);
	stored.form = sub->form;
	yg_values_free(stored.values, sub->form->nfields);
	for (size_t i = 0; i < stored.nexpl; i++) {
		free(stored.expl[i].rule);
		free(stored.expl[i].text);
	}
	free(stored.expl);
	return rc;
}

/* Moves the row to a new state and version, auditing the change. */
static int set_state(yg_db *db, int64_t id, enum yg_state from, enum yg_state to,
	const char *comment, const char *now, int errors, int warnings)
{
	sqlite3_stmt *st = yg_prepare(db, "UPDATE submission SET state = ?2, version = version + 1,"
		" updated_at = ?3, updated_by = ?4,"
		" comment = CASE WHEN ?5 IS NULL THEN comment ELSE ?5 END,"
		" submitted_at = CASE WHEN ?2 = 'submitted' THEN COALESCE(submitted_at, ?3)"
		"   ELSE submitted_at END,"
		" errors = CASE WHEN ?6 >= 0 THEN ?6 ELSE errors END,"
		" warnings = CASE WHEN ?7 >= 0 THEN ?7 ELSE warnings END WHERE id = ?1");
	int rc;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, yg_state_name(to), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, db->actor.login, -1, SQLITE_STATIC);
	if (comment)
		sqlite3_bind_text(st, 5, comment, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int(st, 6, errors);
	sqlite3_bind_int(st, 7, warnings);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "state");
	sqlite3_finalize(st);
	if (rc == YG_OK && from != to)
		rc = yg_audit_add(db, id, "state", NULL, yg_state_name(from), yg_state_name(to),
			comment);
	return rc;
}

static int bump_version(yg_db *db, int64_t id, const char *now)
{
	sqlite3_stmt *st = yg_prepare(db, "UPDATE submission SET version = version + 1,"
		" updated_at = ?2, updated_by = ?3 WHERE id = ?1");
	int rc;
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, db->actor.login, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? YG_OK : yg_sql_fail(db, "save");
	sqlite3_finalize(st);
	return rc;
}

/*
 * The save shared by yg_sub_save and yg_sub_submit, inside the caller's
 * transaction.  On failure sub keeps its values and its old id/version.
 */
static int save_locked(yg_db *db, struct yg_sub *sub, const char *now, bool *changed)
{
	enum yg_state state = sub->state;
	int rc;

	if (sub->id == 0) {
		rc = create_row(db, sub, now);
		state = YG_ST_DRAFT;
	} else {
		rc = check_version(db, sub->id, sub->version, &state);
		if (rc == YG_OK && !yg_state_editable(state))
			rc = yg_fail(YG_ESTATE, "this return is %s and cannot be changed",
				yg_state_label(state));
	}
	if (rc == YG_OK)
		rc = write_values(db, sub, changed);
	if (rc == YG_OK && (*changed || sub->version == 0))
		rc = bump_version(db, sub->id, now);
	sub->state = state;
	return rc;
}

static void sub_after_write(yg_db *db, struct yg_sub *sub, const char *now)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT version, state FROM submission WHERE id = ?");
	if (st) {
		sqlite3_bind_int64(st, 1, sub->id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			sub->version = sqlite3_column_int64(st, 0);
			sub->state = yg_state_parse((const char *)sqlite3_column_text(st, 1));
		}
		sqlite3_finalize(st);
	}
	free(sub->updated_at);
	sub->updated_at = yg_strdup(now);
	free(sub->updated_by);
	sub->updated_by = yg_strdup(db->actor.login);
}

int yg_sub_save(yg_db *db, struct yg_sub *sub)
{
	assert(db && sub);
	int64_t old_id = sub->id, old_version = sub->version;
	enum yg_state old_state = sub->state;
	bool changed = false;
	char *now;
	int rc;

	if ((rc = need_edit(db, sub)) != YG_OK)
		return rc;
	if (!yg_state_editable(sub->state))
		return yg_fail(YG_ESTATE, "this return is %s and cannot be changed",
			yg_state_label(sub->state));
	if (!(now = yg_now_iso()))
		return yg_fail(YG_ENOMEM, "out of memory");
	if ((rc = yg_write_begin(db)) == YG_OK) {
		rc = save_locked(db, sub, now, &changed);
		/* Read the new version inside the transaction: after COMMIT
		 * another writer may already have moved it. */
		if (rc == YG_OK)
			sub_after_write(db, sub, now);
		rc = yg_write_end(db, rc);
	}
	if (rc != YG_OK) {
		sub->id = old_id;
		sub->version = old_version;
		sub->state = old_state;
	}
	free(now);
	return rc;
}

int yg_sub_check(yg_db *db, const struct yg_sub *sub, struct yg_findings *out)
{
	assert(db && sub && out);
	struct yg_check_ctx ctx = {
		.db = db, .form = sub->form, .org = &sub->org, .period = sub->period,
		.values = sub->values,
	};
	yg_check_fields(sub->form, sub->values, true, out);
	for (size_t i = 0; i < sub->form->nrules; i++)
		sub->form->rules[i].check(&ctx, &sub->form->rules[i], out);
	yg_check_history(db, sub, out);
	return yg_findings_in_force(db, out, sub->org.tier, sub->period);
}

/* A reply is text of a comment's length, like the comment it answers. */
static int check_reply(const char *reply)
{
	static const struct yg_field reply_field = {
		.key = "reply", .zh = "回复", .en = N_("reply"),
		.type = YG_T_TEXT, .max = COMMENT_MAX_CHARS,
	};
	struct yg_value v = { 0 };
	int rc = yg_field_parse(&reply_field, reply, &v);

	yg_value_clear(&v);
	return rc;
}

int yg_sub_submit(yg_db *db, struct yg_sub *sub, struct yg_findings *out)
{
	assert(db && sub);
	struct yg_findings f;
	int64_t old_id = sub->id, old_version = sub->version;
	enum yg_state old_state = sub->state;
	size_t errors, warnings, unexplained = 0;
	const char *first_unexplained = NULL;
	bool changed = false;
	char *now;
	int rc;

	if ((rc = need_edit(db, sub)) != YG_OK)
		return rc;
	if (!yg_state_editable(sub->state))
		return yg_fail(YG_ESTATE, "this return is %s and cannot be submitted",
			yg_state_label(sub->state));
	yg_findings_init(&f);
	yg_sub_check(db, sub, &f);
	errors = yg_findings_count(&f, YG_SEV_ERROR);
	warnings = yg_findings_count(&f, YG_SEV_WARNING);
	for (size_t i = 0; i < f.n; i++) {
		const char *e;
		if (f.v[i].severity != YG_SEV_WARNING)
			continue;
		e = yg_sub_explanation(sub, f.v[i].rule);
		if (!e || !*e) {
			if (!unexplained++)
				first_unexplained = f.v[i].rule;
		}
	}
	if (errors)
		rc = yg_fail(YG_EINVAL, "%zu error(s) must be corrected"
			" before submitting", errors);
	else if (unexplained)
		rc = yg_fail(YG_EINVAL,
			"%zu warning(s) need an explanation (first: %s)", unexplained,
			first_unexplained);
	else if (sub->reply && *sub->reply)
		rc = check_reply(sub->reply);
	if (rc != YG_OK) {
		if (out)
			yg_findings_move(out, &f);
		yg_findings_free(&f);
		return rc;
	}
	if (!(now = yg_now_iso())) {
		yg_findings_free(&f);
		return yg_fail(YG_ENOMEM, "out of memory");
	}
	if ((rc = yg_write_begin(db)) == YG_OK) {
		rc = save_locked(db, sub, now, &changed);
		if (rc == YG_OK)
			rc = note_findings(db, sub, &f);
		if (rc == YG_OK)
			rc = set_state(db, sub->id, sub->state, YG_ST_SUBMITTED, NULL, now,
				(int)errors, (int)warnings);
		if (rc == YG_OK && sub->reply && *sub->reply)
			rc = yg_audit_add(db, sub->id, "reply", NULL, NULL, NULL, sub->reply);
		if (rc == YG_OK)
			sub_after_write(db, sub, now);
		rc = yg_write_end(db, rc);
	}
	if (rc == YG_OK) {
		free(sub->submitted_at);
		sub->submitted_at = NULL;
		sqlite3_stmt *st = yg_prepare(db, "SELECT submitted_at FROM submission WHERE id = ?");
		if (st) {
			sqlite3_bind_int64(st, 1, sub->id);
			if (sqlite3_step(st) == SQLITE_ROW)
				sub->submitted_at = yg_col_text(st, 0);
			sqlite3_finalize(st);
		}
	} else {
		sub->id = old_id;
		sub->version = old_version;
		sub->state = old_state;
	}
	free(now);
	if (out)
		yg_findings_move(out, &f);
	yg_findings_free(&f);
	return rc;
}

/* ---- review ---- */

static int required_text(const char *text, const char *zh, const char *en, char **out)
{
	static const struct yg_field comment_field = {
		.key = "comment", .zh = "意见", .en = N_("comment"), .type = YG_T_TEXT,
		.min = 1, .max = COMMENT_MAX_CHARS,
	};
	struct yg_value v = { 0 };
	int rc = yg_field_parse(&comment_field, text, &v);
	if (rc != YG_OK)
		return rc;
	if (!v.set)
		return yg_fail(YG_EINVAL, "%.0s%s", zh, en);
	*out = v.text;
	return YG_OK;
}

static int review(yg_db *db, int64_t id, int64_t version, enum yg_state need,
	enum yg_state to, const char *comment)
{
	struct yg_sub *sub = NULL;
	enum yg_state state;
	char *now;
	int rc = yg_sub_load_id(db, id, &sub);

	if (rc != YG_OK)
		return rc;
	rc = need_review(db, sub);
	if (rc == YG_OK && sub->state != need)
		rc = yg_fail(YG_ESTATE, "this return is %s; cannot %s",
			yg_state_label(sub->state),
			to == YG_ST_APPROVED ? _("approve") :
			to == YG_ST_RETURNED ? _("return") : _("reopen"));
	if (rc == YG_OK && (now = yg_now_iso())) {
		if ((rc = yg_write_begin(db)) == YG_OK) {
			rc = check_version(db, id, version, &state);
			if (rc == YG_OK && state != need)
				rc = yg_fail(YG_ECONFLICT, "someone else has just acted on this return");
			if (rc == YG_OK)
				rc = set_state(db, id, state, to, comment, now, -1, -1);
			rc = yg_write_end(db, rc);
		}
		free(now);
	} else if (rc == YG_OK) {
		rc = yg_fail(YG_ENOMEM, "out of memory");
	}
	yg_sub_free(sub);
	return rc;
}

int yg_sub_approve(yg_db *db, int64_t id, int64_t version)
{
	return review(db, id, version, YG_ST_SUBMITTED, YG_ST_APPROVED, NULL);
}

int yg_sub_return(yg_db *db, int64_t id, int64_t version, const char *comment)
{
	char *text = NULL;
	int rc = required_text(comment, "退回须填写意见,告诉填报员要改什么",
		N_("a return needs a comment telling the clerk what to change"), &text);
	if (rc == YG_OK)
		rc = review(db, id, version, YG_ST_SUBMITTED, YG_ST_RETURNED, text);
	free(text);
	return rc;
}

int yg_sub_reopen(yg_db *db, int64_t id, int64_t version, const char *reason)
{
	char *text = NULL;
	int rc = required_text(reason, "重开已审核的报表须填写原因",
		N_("reopening an approved return needs a reason"), &text);
	if (rc == YG_OK)
		rc = review(db, id, version, YG_ST_APPROVED, YG_ST_REOPENED, text);
	free(text);
	return rc;
}

bool yg_sub_is_clean(yg_db *db, const struct yg_sub *sub)
{
	struct yg_findings f;
	bool clean = true;

	yg_findings_init(&f);
	yg_sub_check(db, sub, &f);
	for (size_t i = 0; i < f.n && clean; i++) {
		const char *e = yg_sub_explanation(sub, f.v[i].rule);
		if (f.v[i].severity == YG_SEV_ERROR ||
		    (f.v[i].severity == YG_SEV_WARNING && (!e || !*e)))
			clean = false;
	}
	yg_findings_free(&f);
	return clean;
}

int yg_sub_approve_clean(yg_db *db, const int64_t *ids, const int64_t *versions, size_t n,
	size_t *approved, size_t *skipped)
{
	char *now = NULL;
	int rc;

	*approved = *skipped = 0;
	if ((rc = yg_need_role(db, YG_ROLE_REVIEWER, "审核", N_("reviewing"))) != YG_OK)
		return rc;
	if (!(now = yg_now_iso()))
		return yg_fail(YG_ENOMEM, "out of memory");
	if ((rc = yg_write_begin(db)) != YG_OK) {
		free(now);
		return rc;
	}
	for (size_t i = 0; rc == YG_OK && i < n; i++) {
		struct yg_sub *sub = NULL;
		enum yg_state state;
		rc = yg_sub_load_id(db, ids[i], &sub);
		if (rc == YG_OK)
			rc = need_review(db, sub);
		if (rc != YG_OK) {
			yg_sub_free(sub);
			break;
		}
		if (sub->state != YG_ST_SUBMITTED || sub->version != versions[i] ||
		    check_version(db, ids[i], versions[i], &state) != YG_OK ||
		    !yg_sub_is_clean(db, sub)) {
			(*skipped)++;
		} else {
			rc = set_state(db, ids[i], state, YG_ST_APPROVED, NULL, now, -1, -1);
			if (rc == YG_OK)
				(*approved)++;
		}
		yg_sub_free(sub);
	}
	rc = yg_write_end(db, rc);
	if (rc != YG_OK)
		*approved = 0;
	free(now);
	return rc;
}
