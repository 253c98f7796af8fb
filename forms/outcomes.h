/*
 * outcomes.h — the reform's outcome indicators (DESIGN §3.5 "Indicators")
 * and targets T14–T18, for a month, at institution, community and county
 * level.  No curses: the dashboard screen, `yigong dashboard` and the
 * monthly bulletin print what this computes.
 *
 * Where the figures come from: the services, familydoc and insurance
 * returns that are submitted or approved (drafts, returned and missing
 * returns count for nothing, as on the targets dashboard).
 *
 * Every figure is a ratio num / den of exact integers; den 0 is "not
 * applicable" (no data, or nothing to divide by), never met or missed.
 *  - percent indicators: the share num / den (医疗费用增长率 is the change
 *    over last year's revenue: num = this year's − last year's, den = last
 *    year's, so it may be negative);
 *  - yuan indicators (次均费用): fen per visit or discharge, num in fen.
 *
 * How a unit's figure is made: sums over the institutions at or below it.
 *  - A figure that pairs two forms (电子建档率, 规范管理率: services over
 *    familydoc) takes an institution only when both its returns are in, and
 *    a figure of an optional field (履约率: followed_up) only when it is set.
 *  - The shares of the county's visits (基层就诊率, 乡村诊疗量占比) are about
 *    a whole, so they apply to communities and the county, not institutions.
 *  - The fund figures come from the insurance return of each community (its
 *    lead hospital files it); the county's sum its communities'.
 *  - 医疗费用增长率 sums, from January to the month, the revenue of each
 *    institution-month whose same month of last year is in too (like for
 *    like: a unit that opened, or a month missing, does not make growth).
 */
#ifndef YIGONG_OUTCOMES_H
#define YIGONG_OUTCOMES_H

#include "yigong.h"

enum out_level { OUT_INSTITUTION, OUT_COMMUNITY, OUT_COUNTY };
enum out_unit { OUT_PERCENT, OUT_YUAN };

/* The indicators, in the order of the dashboard. */
enum out_indicator {
	OUT_PRIMARY_VISITS,   /* 基层就诊率 */
	OUT_VILLAGE_SHARE,    /* 乡村诊疗量占比 */
	OUT_INPATIENT_IN,     /* 县域内住院率 */
	OUT_FUND_IN,          /* 县域内基金支出比例 */
	OUT_FUND_PRIMARY,     /* 基层医保基金占比 */
	OUT_EHR,              /* 电子建档率 */
	OUT_HYPERTENSION,     /* 规范管理率 (高血压) */
	OUT_DIABETES,         /* 规范管理率 (糖尿病) */
	OUT_FOLLOWED_UP,      /* 履约率 */
	OUT_OUTPATIENT_COST,  /* 次均门诊费用 */
	OUT_INPATIENT_COST,   /* 次均住院费用 */
	OUT_DRUG_SHARE,       /* 药占比 */
	OUT_COST_GROWTH,      /* 医疗费用增长率 */
	OUT_NINDICATORS
};

struct out_def {
	const char *id;       /* stable ASCII: "primary_visit_rate" */
	const char *zh, *en;  /* short names for a dashboard row */
	enum out_unit unit;
	unsigned levels;      /* bits 1u << enum out_level where it applies */
	const char *source;   /* seed and clause */
};
extern const struct out_def out_defs[OUT_NINDICATORS];

/* The targets, in order; T15 and T16 compare with the same month a year
 * before, T17 has bands, T18 reads the county's GDP-growth setting. */
#define OUT_NTARGETS 5
struct out_target_def {
	const char *id;       /* "T14" */
	int indicator;        /* the indicator it judges; -1 for T17 */
	const char *zh, *en;
	unsigned levels;
	const char *source;
};
extern const struct out_target_def out_target_defs[OUT_NTARGETS];

struct out_fig {
	int64_t num, den;     /* den 0: not applicable */
};

/* One line of the table: an indicator or a target, for one unit. */
struct out_row {
	const char *id;       /* indicator id, or target id ("T14") */
	bool is_target;
	int index;            /* into out_defs or out_target_defs */
	int64_t org_id;
	const char *org_code, *org_name; /* borrowed from the struct outcomes */
	enum out_level level;
	enum yg_kind kind;    /* the unit's own: a level's line names it */
	int depth;            /* 0 for the unit asked for */
	enum out_unit unit;
	struct out_fig fig;   /* the month's figure */
	struct out_fig year_before;  /* the same month a year before */
	struct out_fig trend[12];    /* the 12 months ending with the month */
	/* Targets: the threshold in hundredths of a percent (T15/T16: the
	 * year-before figure is the bar, threshold unused), the verdict and,
	 * for T17, the band (0 within, 1 shared, 2 own; -1 n/a). */
	int64_t threshold_x100;
	enum yg_met met;
	int band;
};

struct outcomes {
	yg_period period;
	struct out_row *rows; /* unit by unit in tree order: indicators, then targets */
	size_t n;
	char **codes, **names; /* the units' strings the rows borrow */
	size_t nunits;
};

/*
 * Computes every indicator and target of period p for the unit of org_code
 * (NULL: the top of the acting user's scope) and every unit below it that
 * the actor may see.  YG_ENOTFOUND for an unknown code, YG_EPERM outside
 * the scope.  Free with outcomes_free.
 */
int outcomes_compute(yg_db *db, yg_period p, const char *org_code, struct outcomes *out);
/* The same from approved returns only (the monthly bulletin's basis). */
int outcomes_compute_basis(yg_db *db, yg_period p, const char *org_code, bool approved_only,
	struct outcomes *out);
/* Only the rows of the top of the actor's scope (the dashboard's overview):
 * a province's thousands of units below are not made. */
int outcomes_compute_top(yg_db *db, yg_period p, struct outcomes *out);
/* Every row of the actor's scope computed from the returns, never from the
 * stored figures: what `check` compares them with. */
int outcomes_compute_live(yg_db *db, yg_period p, bool approved_only, struct outcomes *out);
/* `check`: the month's stored sums, if any, against those computed from the
 * returns; a finding (rule DB) for each unit whose differ. */
int outcomes_memo_verify(yg_db *db, yg_period p, bool approved_only, struct yg_findings *out);
/* Stores month p's sums when the actor may and they are not stored. */
int outcomes_memo_fill(yg_db *db, yg_period p, bool approved_only);
void outcomes_free(struct outcomes *o);

/* "county", "community", "institution". */
const char *out_level_name(enum out_level l);
/* The level word of a line for a unit of kind k at level l: a level above
 * the county (prefecture, province) is named as such, not "county". */
const char *out_kind_level_name(enum out_level l, enum yg_kind k);

/*
 * A figure for people: percent with one decimal rounded half up ("62.5%"),
 * two where one would show a missed figure equal to its threshold
 * (threshold_x100 >= 0 and missed); yuan with two decimals ("85.20");
 * "-" when not applicable.  buf at least 32 bytes.
 */
void out_format(enum out_unit unit, struct out_fig f, enum yg_met met, int64_t threshold_x100,
	char buf[static 32]);
/* A figure in hundredths of a percent (or fen), rounded half away from
 * zero; false when not applicable. */
bool out_value_x100(struct out_fig f, enum out_unit unit, int64_t *out);
/* Is a >= b as ratios?  Both applicable. */
bool out_fig_ge(struct out_fig a, struct out_fig b);

#endif
