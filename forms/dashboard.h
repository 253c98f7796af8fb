/*
 * dashboard.h — the figures of the targets dashboard (T1–T13) for one month
 * over the acting user's scope.  No curses: the screens (tui/ui-dashboard.c)
 * only draw what this computes, and tests check it against hand counts.
 *
 * Where the figures come from
 *  - Monthly returns that are submitted or approved: each is loaded
 *    (yg_sub_load_id) and checked (yg_sub_check); the target findings
 *    (severity target) carry the verdict (met), and the figure (num, den).
 *    Drafts, returned and missing returns count for nothing: a figure is
 *    only as good as what the county has received.
 *  - T4 from the postings roster, per medical community
 *    (forms_check_community); T5 from the postings roster, each posting
 *    active in the month judged by the posting form's own T5 rule.
 *
 * The units: every level (county; prefecture, province) and medical
 * community in scope is an aggregate of the institutions (hospital,
 * township, community centre; not closed) below it; every institution has
 * its own figure.
 *
 * How aggregates are made
 *  - Count targets (T1, T2, T3, T5, and T12, a limit rather than a ratio):
 *    "k of n institutions met", n counting only institutions with a verdict
 *    (a not-applicable figure is in neither k nor n); the aggregate is met
 *    when k = n > 0.  An institution's T5 figure is "postings met / postings
 *    judged"; it is met when every posting active in the month is.
 *  - Ratio targets (T6, T7, T8, T9, T10, T11, T13): for each part of the
 *    target (T6: residents and key populations; T7: slots, beds, exams; the
 *    others one part) sum num / sum den over the institutions whose
 *    denominator is not 0.  Thresholds may differ by tier (T8, T9), so the
 *    aggregate is met when sum num >= sum (threshold_i x den_i): the
 *    denominator-weighted threshold, which is the plain threshold when all
 *    institutions share it.  The aggregate is met when every part with a
 *    denominator is; "k of n institutions met" is given too.
 *  - T4: each community's own count of resident experts; the county's
 *    figure is "k of n communities met".
 *  - A denominator of 0 (or no data) is not applicable (YG_NA): never met,
 *    never missed, never counted.
 */
#ifndef YIGONG_DASHBOARD_H
#define YIGONG_DASHBOARD_H

#include "yigong.h"

#define DASH_NTARGETS 13
#define DASH_MAX_PARTS 3

enum dash_kind {
	DASH_COUNT,      /* per institution met or missed; aggregates k of n */
	DASH_RATIO,      /* sum num / sum den */
	DASH_COMMUNITY,  /* T4: per community; the county k of n */
};

struct dash_target {
	const char *id;    /* "T1" … "T13" */
	const char *form;  /* the form whose findings carry it; "posting" (T5); NULL (T4) */
	enum dash_kind kind;
	const char *zh, *en; /* a short name for a dashboard row */
};
extern const struct dash_target dash_targets[DASH_NTARGETS];

struct dash_part {
	const char *field;   /* the finding's field (the numerator's key) */
	int64_t num, den;    /* institution: its figure; aggregate: the sums */
	enum yg_met met;
	int64_t need1200;    /* institution: threshold x 12 in percent (T13: pct x
	                      * months elapsed), -1 unknown; aggregates: unused */
};

struct dash_fig {
	enum yg_met met;     /* YG_NA: nothing applies, or no data */
	/* Institution (and T4 community): the finding's figure as it came
	 * (T12: average days x 100; T5: postings met and judged). */
	int64_t num, den;
	struct dash_part part[DASH_MAX_PARTS]; /* ratio targets */
	size_t nparts;
	int met_n, applies_n; /* institutions (T4: communities) met / with a verdict */
};

struct dash_unit {
	int64_t id;
	char *code, *name;
	enum yg_kind kind;
	int64_t parent_id;
	bool aggregate;      /* a county or a medical community */
	int depth;           /* 0 for the top of the scope */
	struct dash_fig fig[DASH_NTARGETS];
};

struct dash {
	yg_period period;
	struct dash_unit *u; /* in tree order, like yg_org_list */
	size_t n;
	struct dash_unit **by_code; /* u by code, for dash_unit_find; NULL: none */
};

/* Which returns the figures rest on: the screens show what the county has
 * received (submitted or approved); a published bulletin only what was
 * approved. */
enum dash_basis { DASH_RECEIVED, DASH_APPROVED };

/* Computes every figure of period p within the actor's scope (received). */
int dash_compute(yg_db *db, yg_period p, struct dash *out);
int dash_compute_basis(yg_db *db, yg_period p, enum dash_basis basis, struct dash *out);
void dash_free(struct dash *d);
/*
 * What the dashboard screen holds of a month (received): the top of the
 * scope first, then the unit of code (NULL: the top) and the units its
 * detail shows: above a county the units directly below it, from a county
 * down every unit below it.  A province's month is then a dozen units, not
 * its thousands.  YG_ENOTFOUND when code is not in the scope.
 */
int dash_compute_under(yg_db *db, yg_period p, const char *code, struct dash *out);
/* The same, always computed from the returns, never the stored figures:
 * what `check` compares the stored ones with. */
int dash_compute_live(yg_db *db, yg_period p, enum dash_basis basis, struct dash *out);
/*
 * One unit's figures of period p (its code and name left NULL), read from
 * the stored figures when the month is stored, else computed and, for an
 * actor who sees the whole tree, stored first (see yg_memo_*); *found false
 * for a unit without figures (a closed institution, a unit outside the
 * scope).  For the screens that show a few units of a province: a line of
 * the review grid, a month of a trend.
 */
int dash_unit_get(yg_db *db, yg_period p, enum dash_basis basis, int64_t org_id,
	struct dash_unit *out, bool *found);
/* Stores the month's figures when the actor may and they are not stored. */
int dash_memo_fill(yg_db *db, yg_period p, enum dash_basis basis);
/* `check`: the month's stored figures, if any, against those computed from
 * the returns; a finding (rule DB) for each unit whose differ. */
int dash_memo_verify(yg_db *db, yg_period p, enum dash_basis basis, struct yg_findings *out);
/* The unit of code, or NULL. */
const struct dash_unit *dash_unit_find(const struct dash *d, const char *code);
/* Index of a target id in dash_targets, -1 if none. */
int dash_target_index(const char *id);
/* The figure of a unit for a target as the dashboard and the bulletin show
 * it ("83.3%", "39%/73%", "2/3", "12.50天", "--"); caller frees. */
char *dash_figure_text(const struct dash_unit *u, int target);
/* A figure as a level from 0 to 1000 for a trend chart (ratios: part 0's
 * ratio; counts: share met), -1 when not applicable. */
int dash_level(const struct dash_unit *u, int target);

#endif
