/*
 * internal.h — what the core's own files share; not part of the public API.
 *
 * The core's files call one another only downward: a file calls only files
 * on the lines below its own (tests/core_layers.sh finds any cycle with nm).
 *
 *   csv_records.c                       roster files
 *   csv_manifest.c, record.c            export to a file, backup; records
 *   csv_export.c, csv_import.c,         the CSV formats; frozen months;
 *     frozen.c, restore.c, status.c       restore; the status table
 *   db.c                                the handle's life
 *   findings_stored.c                   the findings kept per return
 *   submission.c                        a return's life
 *   integrity.c, outlier.c,             integrity; outliers; the targets
 *     targets.c, user.c                   table; users and login
 *   csv_fields.c, org.c, settings.c,    columns; the tree; settings, due
 *     xlsx_export.c                       days; the workbook
 *   audit.c, form.c                     the trail; the form engine
 *   access.c, clock.c, csv_read.c,      roles, scope and guards; now;
 *     memo.c                              the stored figures
 *   csv_out.c, findings.c, sql.c,       statements and transactions (sql.c),
 *     statusfmt.c, tempfile.c,            the safe temporary, values,
 *     text.c, values.c                    findings, text
 *   error.c                             the last error
 *   util.c, sha256.c                    memory, hashing
 */
#ifndef YIGONG_INTERNAL_H
#define YIGONG_INTERNAL_H

#include <assert.h>
#include <sqlite3.h>

#include "yigong-spi.h"

/* Statements kept prepared for a connection's life (yg_prepare_cached):
 * the few that run several times for each row of a big org import, of a
 * province's review grid, or of every return judged. */
enum yg_query { YG_Q_ORG_CODE, YG_Q_ORG_ID, YG_Q_ORG_ROOT, YG_Q_BELOW, YG_Q_WITHIN, YG_Q_AUDIT,
	YG_Q_FINDING_DEL, YG_Q_FINDING_ADD, YG_Q_FINDING_COUNT, YG_Q_FINDING_CLEAN,
	YG_Q_DATA_VERSION, YG_Q_ORG_COMMUNITY, YG_Q_MEMO_GET, YG_Q_MEMO_PUT, YG_Q_MEMO_ROOT, YG_Q_SETTING, YG_Q_HISTORY, YG_Q_LAST_MONTH, YG_Q_RANGES,
	YG_Q_RECORD_NEW, YG_Q_RECORD_MOVE, YG_Q_RECORD_CLEAR, YG_Q_RECORD_VALUE, YG_Q_ACTIVITY_DEL,
	YG_Q_ACTIVITY_PUT, YG_Q_COUNT };

struct yg_db {
	sqlite3 *sql;
	char *path;
	struct yg_user actor;      /* id 0 until yg_login */
	char *acting_for;          /* the real login under --as */
	bool system;               /* init: acting before any user exists */
	int txn_depth;             /* nesting of yg_begin */
	/* What a change asks to be judged whole just before its transaction
	 * commits (org.c: the tree, yg_org_tree_verify); NULL: nothing.  A
	 * pointer, so that the transaction (db.c) need not know the tree. */
	int (*verify_at_commit)(yg_db *db);
	/* Judges the returns a transaction moved, just before it commits
	 * (findings_stored.c, yg_findings_flush); set by db.c on connecting,
	 * so that the transaction (sql.c) need not know the rules. */
	int (*judge_at_commit)(yg_db *db);
	sqlite3_stmt *cached[YG_Q_COUNT];
	/* What yg_target_at said lately: thousands of units ask the same few
	 * questions.  Forgotten when a transaction of ours begins or ends (one
	 * may change the targets) and when another connection commits
	 * (PRAGMA data_version moves). */
	struct {
		char id[16];
		enum yg_tier tier;
		yg_period p;
		int64_t fallback, threshold;
		enum yg_force force;
	} memo[64];
	size_t nmemo, memo_next;
	int memo_version;
	int upgraded_from;         /* yg_db_open upgraded it from this version */
	char *upgrade_copy;        /* and copied it here first */
};

/* A month the API accepts (assert()s at its edges): yg_period_parse's
 * years and more, never 0 or a thirteenth month. */
#define YG_PERIOD_VALID(p) ((p) / 100 >= 1900 && (p) / 100 <= 9999 && \
	(p) % 100 >= 1 && (p) % 100 <= 12)

/* Sets the last failure from two finished messages. */
int yg_fail_raw(int code, const char *zh, const char *en);
const char *yg_errmsg_lang(enum yg_lang lang);

/* Reports an SQLite failure as YG_ERROR (or YG_EBUSY / YG_ECONFLICT). */
int yg_sql_fail(yg_db *db, const char *what);
/* Prepares a statement; on failure reports it and returns NULL. */
sqlite3_stmt *yg_prepare(yg_db *db, const char *sql);
/* The statement q, prepared once per connection from sql (always the same
 * text for one q).  Comes back reset, bindings cleared; the caller steps it,
 * then sqlite3_reset()s it, and never finalizes it.  NULL on failure. */
sqlite3_stmt *yg_prepare_cached(yg_db *db, enum yg_query q, const char *sql);
/* Runs statements without results. */
int yg_exec(yg_db *db, const char *sql);
/* Text of column i, copied (NULL stays NULL). */
char *yg_col_text(sqlite3_stmt *st, int i);

/* Begins a write transaction unless one is open; nests by counting. */
int yg_write_begin(yg_db *db);
int yg_write_end(yg_db *db, int rc); /* commits on YG_OK, else rolls back */

/* yg_org_put, with a comment for its audit row: org import's "import
 * FILE:LINE", which names where a consolidated unit came from. */
int yg_org_put_noted(yg_db *db, const struct yg_org *org, bool *changed, const char *comment);

/* Appends one audit row. */
int yg_audit_add(yg_db *db, int64_t sub_id, const char *entity, const char *key,
	const char *old_value, const char *new_value, const char *comment);

/* Role and scope guards (access.c): YG_OK, or YG_EPERM with a message. */
int yg_need_login(yg_db *db);
int yg_need_scope(yg_db *db, int64_t org_id);
int yg_need_role(yg_db *db, enum yg_role least, const char *what_zh, const char *what_en);
/*
 * The one access rule of every change: the actor needs role least
 * and rights over every place the change touches -- where the user, unit,
 * record or return is now (from) and where it goes (to); 0 when a change has
 * no such place.  A place is an org unit id, or YG_PLACE_ROOT for what
 * belongs to the county as a whole (settings, targets, backups), which only
 * an admin scoped to the root may touch.  Reads use it too, with to 0.
 * what_zh/what_en name the action for a role refusal (NULL: any role).
 */
#define YG_PLACE_ROOT (-1)
int yg_need_access(yg_db *db, enum yg_role least, const char *what_zh, const char *what_en,
	int64_t from, int64_t to);
/* The id of the root unit (the county), 0 when there is none yet. */
int64_t yg_root_id(yg_db *db);

/* YG_EINVAL naming the first unit placed where its kind may not sit
 * (yg_org_placement); run before a transaction that changed units commits. */
int yg_org_tree_verify(yg_db *db);

/* Reads and judges the header: YG_OK for a Yigong database of this or an
 * older schema (its version in *version); name is for the messages. */
int yg_db_check_header(yg_db *db, const char *name, int *version);
/* Applies every migration after version from, in one transaction. */
int yg_db_migrate(yg_db *db, int from);
/* Copies src consistently into a new file (never over one; removed again
 * on failure), left in rollback-journal mode so that it stands alone. */
int yg_db_copy(sqlite3 *src, const char *path);

/* Copies db to the first free name of "<db>.<tag>", "<db>.<tag>-2", ...;
 * *saved is that name (the caller frees it). */
int yg_db_save_beside(yg_db *db, const char *tag, char **saved);
/* Tests only: called after the migrations as one more of them, before the
 * references are checked and the transaction commits; whatever it returns
 * other than YG_OK fails the upgrade. */
extern int (*yg_upgrade_fault)(yg_db *db);

/* Forgets what yg_target_at remembered (targets.c); inline so that the
 * transaction (sql.c) can forget it without calling up into targets.c. */
static inline void yg_target_memo_forget(yg_db *db)
{
	db->nmemo = db->memo_next = 0;
}

/* Loads the targets table from the embedded CSV (at create). */
int yg_targets_load(yg_db *db);

/* Values of a spec: allocate, free, read from and write to SQL. */
struct yg_value *yg_values_new(size_t n);
void yg_values_free(struct yg_value *v, size_t n);
bool yg_type_is_text(enum yg_type t);
/* Binds a value to parameters num_idx and txt_idx of st. */
void yg_value_bind(sqlite3_stmt *st, int num_idx, int txt_idx,
	const struct yg_field *f, const struct yg_value *v);
void yg_value_read(sqlite3_stmt *st, int num_idx, int txt_idx,
	const struct yg_field *f, struct yg_value *v);

/* Field-level checks (required, range) of a set of values. */
void yg_check_fields(const struct yg_form *form, const struct yg_value *values,
	bool for_submit, struct yg_findings *out);

/*
 * Roster writes and the frozen figures of submitted and approved returns
 * (core/frozen.c).  Inside the write transaction, before the change:
 * yg_frozen_begin notes what those returns of the units holding the records
 * (org_a, and org_b when a record moves; 0 none) and the units above them
 * would compute for month p (0: every month).  After the change,
 * yg_frozen_end(db, fz, rc) compares when rc is YG_OK and returns YG_ESTATE,
 * naming the return and who can reopen it, when a figure would move; it
 * frees fz either way.
 */
struct yg_frozen;
int yg_frozen_begin(yg_db *db, int64_t org_a, int64_t org_b, yg_period p, struct yg_frozen **out);
int yg_frozen_end(yg_db *db, struct yg_frozen *fz, int rc);
void yg_frozen_free(struct yg_frozen *fz);

/* Outliers (core/outlier.c): the return's figures against the institution's
 * last 12 approved months (O1), last month for snapshots (O2) and the
 * ranges an admin set (O3); warnings into out. */
void yg_check_history(yg_db *db, const struct yg_sub *sub, struct yg_findings *out);

/*
 * Stored findings (findings.c).  yg_findings_store replaces what is stored
 * for return sub_id by f (its yg_sub_check) and takes it off finding_dirty;
 * yg_findings_flush judges and stores every return on finding_dirty (the
 * schema's triggers put there those a change may have moved), as the system
 * actor; yg_write_end runs it just before the outermost transaction commits.
 */
/* The units of the acting user's scope, as a CTE "scope(id)" for a query
 * that binds the scope's unit id (0 for the system actor: every root) as
 * parameter ?S: one walk down the tree instead of a test per row. */
#define YG_SCOPE_CTE(S) "WITH RECURSIVE scope(id) AS (" \
	" SELECT id FROM org_unit WHERE (?" S " = 0 AND parent_id IS NULL) OR id = ?" S \
	" UNION ALL SELECT o.id FROM org_unit o JOIN scope ON o.parent_id = scope.id) "
#define YG_SCOPE_ID(db) ((db)->system ? 0 : (db)->actor.org_id)
int yg_findings_store(yg_db *db, int64_t sub_id, const struct yg_findings *f);
int yg_findings_flush(yg_db *db);

/* Generated from data/ by data/embed.sh. */
extern const char *const yg_schema_migrations[];
extern const size_t yg_schema_count;
extern const char yg_targets_csv[];

#endif
