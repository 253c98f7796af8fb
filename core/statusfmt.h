/*
 * statusfmt.h — the totals of a period's status table, shared by
 * `yigong status` and the reviewer screens (and any other front end) so
 * that all count alike.
 */
#ifndef YIGONG_STATUSFMT_H
#define YIGONG_STATUSFMT_H

#include <stddef.h>

#include "yigong.h"

struct status_totals {
	size_t expected;    /* lines: institution x form */
	/* by state */
	size_t submitted;   /* awaiting review */
	size_t approved;
	size_t returned;
	size_t draft;       /* draft or reopened: being edited */
	size_t not_started;
	/* by timeliness: on_time + late + missing + pending = expected */
	size_t received;    /* ever submitted (submitted_at set) */
	size_t on_time;     /* received by the due date */
	size_t late;        /* received after it */
	size_t missing;     /* not received, and the due date has passed */
	size_t pending;     /* not received, not yet due */
};

/* How a line stands against its due date. */
enum status_timeliness { ST_ON_TIME, ST_LATE, ST_MISSING, ST_PENDING };
enum status_timeliness status_timeliness(const struct yg_status *s);
/* "on-time", "late", "missing", "pending": ASCII, for scripts. */
const char *status_timeliness_name(enum status_timeliness t);
const char *status_timeliness_label(enum status_timeliness t); /* 按时 / on time */

void status_totals(const struct yg_status *v, size_t n, struct status_totals *t);
/* Adds the totals b to a (a level's line and its institutions' lines). */
void status_totals_add(struct status_totals *a, const struct status_totals *b);
/* Completeness (received / expected) and timeliness (on time / expected), in
 * tenths of a percent; -1 when nothing is expected. */
int status_completeness(const struct status_totals *t);
int status_timeliness_pct(const struct status_totals *t);

/*
 * The grid's line of one unit above the institutions (a community, county,
 * prefecture): per monthly form, the totals of every institution at or
 * below it, and the errors and warnings of their returns filed.  Stored per
 * month (yg_memo_*, YG_MEMO_STATUS) and read back for a province's rows; the
 * split of returns not received into missing and pending is made at reading,
 * against today.  Declared here, defined in status.c (it lists the status).
 */
struct status_sum {
	const struct yg_form *form;
	struct status_totals t;
	int64_t errors, warnings;
};
/* *out: one entry per form that any unit below files, in registry order. */
int status_sums(yg_db *db, yg_period p, int64_t org_id, struct status_sum **out, size_t *n);
/* `check`: the month's stored lines, if any, against those computed from
 * the returns; a finding (rule DB) for each unit whose differ. */
int status_memo_verify(yg_db *db, yg_period p, struct yg_findings *out);

#endif
