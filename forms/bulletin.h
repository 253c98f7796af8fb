/*
 * bulletin.h — what the monthly bulletin (月度通报) says, computed apart from
 * how it is typeset (pdf/bulletin-pdf.c), so tests can check every figure
 * and rank without reading a PDF.
 *
 * The seeds ask for it: Jingmen 2017 (001, (十七)) "建立…一月一公示、上级两月
 * 一摸底排名的公示、督导、考核机制": each month the county publishes who filed,
 * who is late, who misses which target, and ranks its institutions.  A
 * prefecture or province (DESIGN §1) ranks the units directly below it (its
 * counties, a province's prefectures): each counts the returns and the
 * verdicts of every institution below it, under the same composite.
 *
 * What the figures rest on
 *  - Filing (报送情况): every return expected of an open institution for the
 *    month, as `yigong status` counts it (timeliness on China's dates).
 *  - Targets T1–T13 (dash_compute_basis, DASH_APPROVED), the outcome
 *    indicators and T14–T18 (outcomes_compute_basis): approved returns
 *    only, so that a published figure does not move when a reviewer sends
 *    a return back.  Returns received but not yet approved are counted and
 *    said.
 *  - Cost control (费用控制, 一月一公示): each institution's 次均门诊费用,
 *    次均住院费用, 药占比 and 医疗费用增长率, ranked by growth (lowest
 *    first) against T18's GDP-growth ceiling.
 *
 * The composite (综合得分) that ranks institutions, stated under the chart:
 *    score = 50 × (returns on time ÷ returns expected)
 *          + 50 × (targets met ÷ targets with a verdict)
 *  An institution with no verdict at all takes its timeliness half twice,
 *  so that it is neither rewarded nor punished for targets that do not
 *  apply.  Equal scores share a rank (1, 2, 2, 4), listed by code.
 */
#ifndef YIGONG_BULLETIN_H
#define YIGONG_BULLETIN_H

#include "dashboard.h"
#include "outcomes.h"
#include "yigong.h"

struct bul_unit {
	char *code, *name;
	int expected, on_time, late, missing, pending; /* returns this month */
	int verdicts, met;       /* targets with a verdict, and met */
	int score10;             /* composite x 10 (0..1000) */
	int rank;                /* 1 = best */
	int filing_rank;         /* by timeliness alone */
};

/* A return named in the bulletin: late, or missing after its due day. */
struct bul_return {
	char *code, *name;
	const struct yg_form *form;
	bool missing;
	int days_late;           /* submitted: days after the due day; missing: days since */
};

struct bul_target {
	int index;               /* into dash_targets (out_target_defs for T14–T18) */
	enum yg_met met;         /* the county's (the bulletin's top unit's) verdict */
	char *figure;            /* as the dashboard shows it */
	char **missed;           /* names of the institutions that missed it */
	size_t nmissed;
};

struct bulletin {
	yg_period period;
	char *top_code, *top_name;  /* the unit the bulletin covers */
	yg_date due;
	int expected, received, on_time, late, missing, pending;
	int not_approved;          /* received, not approved: left out of the targets */
	struct bul_unit *units;    /* institutions (above the county: the units
	                            * below the top), ranked by composite */
	size_t nunits;
	struct bul_return *named;  /* late and missing returns, worst first */
	size_t nnamed;
	struct bul_target targets[DASH_NTARGETS];
	/* The top unit's level of each target (dash_level: 0..1000, -1 none)
	 * over the twelve months ending with this one, and the same months a
	 * year before. */
	int trend[DASH_NTARGETS][12], year_before[DASH_NTARGETS][12];
	/* T14–T18 as the top unit stands, with who missed them. */
	struct bul_target out_targets[OUT_NTARGETS];
	/* The outcome indicators of the month (their rows carry the twelve
	 * months' trend) and of the same month a year before (its trend is the
	 * year before's twelve months). */
	struct outcomes outcomes, outcomes_before;
	/* Cost control: institutions in order of 医疗费用增长率, lowest first
	 * (not applicable last); indexes into units. */
	size_t *cost_order;
};

/* The top unit's row of an indicator (is_target false) or a target in o,
 * or NULL. */
const struct out_row *bulletin_out_row(const struct outcomes *o, const char *code,
	bool is_target, int index);

/* Builds the bulletin of period p for the unit code (NULL: the actor's
 * scope) within the actor's scope. */
int bulletin_build(yg_db *db, yg_period p, const char *code, struct bulletin *out);
void bulletin_free(struct bulletin *b);

#endif
