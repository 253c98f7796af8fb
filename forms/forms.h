/*
 * forms.h — the form specs of Yigong, one file per form, one registry.
 *
 * A spec is data: its fields say what is stored, shown and exported; its
 * rules say what is checked.  Two conventions every spec follows:
 *  - a field with indent k > 0 is an "of whom" part of the nearest field above
 *    it with indent k - 1, and the form's parts rule (forms_check_parts) holds
 *    it to at most that whole: adding a sub-item is one edit, its check comes
 *    free;
 *  - rules never hold a threshold: they read it with yg_threshold() from the
 *    reference table (data/targets.csv); the fallback serves a database that
 *    lacks the row, and a fallback of -1 means "does not apply".
 */
#ifndef YIGONG_FORMS_H
#define YIGONG_FORMS_H

#include "yigong-spi.h"

/* Registers every form with the core (yg_forms_register); call once at
 * start-up before opening a database.  Monthly forms first (staffing,
 * sentdown, familydoc, capacity, procurement), then the record forms
 * (posting, referral) and the posting's monthly activity. */
void forms_register_all(void);

/* The specs themselves. */
extern const struct yg_form form_staffing;
extern const struct yg_form form_sentdown;
extern const struct yg_form form_familydoc;
extern const struct yg_form form_capacity;
extern const struct yg_form form_procurement;
extern const struct yg_form form_services;
extern const struct yg_form form_insurance;
extern const struct yg_form form_posting;
extern const struct yg_form form_referral;
/* The keys of a posting's monthly activity (yg_activity_get/set); no unit
 * files it as a return (kinds 0). */
extern const struct yg_form form_posting_activity;

/*
 * T4, per medical community: resident experts from its supporting urban
 * tertiary hospital.  An expert counts when a resident-mode posting of
 * theirs, intermediate rank or above in any profession, sent by the
 * hospital the community names as its supporting one to an institution
 * inside it, covers every day of period; a person counts once (by licence
 * number); 0 when the community names none.  The acting user's scope must
 * hold the community (a reviewer of it, or the county).
 */
int forms_community_experts(yg_db *db, int64_t community_id, yg_period p, int64_t *out);
/* Adds the T4 finding of the community for period p (field
 * "tertiary_experts_resident", org_code the community's code): not
 * applicable when it names no supporting hospital, not in force before the
 * target's first month. */
int forms_check_community(yg_db *db, int64_t community_id, yg_period p,
	struct yg_findings *out);
/* The rule forms_check_community applies (id, severity, source, text). */
extern const struct yg_rule forms_rule_t4;

/* What a policy target rests on (forms/targets.c): the seed's sentence as
 * the seed writes it, its file (under the shared seeds/ folder) and section,
 * and how the figure is computed. */
struct forms_target_help {
	const char *id;        /* "T4" */
	const char *file;      /* "seeds/004_4c65f41c6f8b148d.txt" */
	const char *where_zh;  /* "西藏 二(二),完成时限 2025年9月前" */
	const char *where_en;
	const char *quote;     /* the seed's sentence, Chinese as written */
	const char *how_zh;    /* how the figure is computed */
	const char *how_en;
};
/* The help of target id ("T4", any case); NULL when there is none. */
const struct forms_target_help *forms_target_help_find(const char *id);
/* The rule with id ("T4", "S1", any case) of any registered form, T4
 * included; NULL when none. */
const struct yg_rule *forms_rule_find(const char *id);

/* ---------------------------------------------------------------------------
 * Helpers shared by the form files (forms/common.c).
 */

/* Adds a finding whose message is already written in both languages. */
struct yg_finding *forms_add(struct yg_findings *out, const struct yg_rule *rule,
	const char *field, const char *zh, const char *en);

/* The threshold of target id for the filing unit's tier. */
int64_t forms_threshold(const struct yg_check_ctx *ctx, const char *id, int64_t fallback);

/* num/den as a percentage with one decimal, rounded half up (DESIGN §3.5):
 * "91.7%"; "-" when den is 0. */
void forms_pct(char buf[static 32], int64_t num, int64_t den);
/*
 * A figure num/den and its threshold tn/td (fractions: 80 % is 80/100), as
 * percentages shown side by side: one decimal rounded half up; when a missed figure (met
 * false) would read at or above its threshold, two decimals ("79.96%"
 * against 80%), and if even that collides the figure cut down and the
 * threshold rounded up.
 */
void forms_pct_vs(char fig[static 32], char thr[static 32], int64_t num, int64_t den,
	int64_t tn, int64_t td, bool met);

/* Is num/den >= pct percent?  Exact integer arithmetic; den > 0. */
bool forms_ratio_ge(int64_t num, int64_t den, int64_t pct);

/*
 * A ratio target on two fields of the form: num_key / den_key >= pct %.
 * Skips silently when either field is empty; den 0 gives YG_NA.  zh and en
 * name the ratio ("基本药物品种占比", "Essential-drug share of varieties");
 * by_tier adds the unit's tier to the message when the threshold depends on
 * it.  The finding is about num_key.
 */
void forms_ratio_target(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out, const char *num_key, const char *den_key,
	int64_t pct, bool by_tier, const char *zh, const char *en);

/* The parts rule: every indent-k field <= the indent-(k-1) field above it. */
void forms_check_parts(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out);

/* Finding "part > whole" about field part, naming both fields and values;
 * does nothing when part <= whole or either is empty. */
void forms_check_le(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out, const char *part, const char *whole);

/* The value of key formatted as its field would show it ("1234.50"). */
char *forms_format(const struct yg_check_ctx *ctx, const char *key);

/* A field's label in each language (the key itself if the form lacks it). */
const char *forms_label_zh(const struct yg_form *form, const char *key);
const char *forms_label_en(const struct yg_form *form, const char *key);

/* Sets a derived count in sub (a no-op for a key the form lacks). */
void forms_set_num(struct yg_sub *sub, const char *key, int64_t n);

/* A date held by field key of a record, or fallback when empty. */
yg_date forms_record_date(const struct yg_record *r, const char *key, yg_date fallback);

/* The date a posting ends: the actual end, else the planned end, else
 * never (INT32_MAX). */
yg_date forms_posting_end(const struct yg_value *planned, const struct yg_value *actual);

/* Is the title a physician's attending (主治医师) or above (T2, T3)? */
bool forms_title_attending(const char *title);
/* Is the title intermediate (中级: 主治医师, 主管药师/护师 …) or above, in any
 * profession (T4)? */
bool forms_title_intermediate(const char *title);

/* T5: the last day a posting starting on start must reach to count as
 * continuous service of months months: the day before the same date months
 * later, the month's last day standing in for a date the month lacks
 * (2025-01-15 → 2025-07-14; 2025-08-31 → 2026-02-27). */
yg_date forms_months_later_eve(yg_date start, int months);

/* insurance: does org file it?  A community's lead hospital does. */
bool forms_insurance_files(yg_db *db, const struct yg_org *org);

/*
 * T17 (003 九): the band a medical-insurance fund's overspend falls in.
 * spent and budget in fen, spent to date in month (1–12) of the year against
 * the year's budget, whose pace to date is budget × month ÷ 12.  Returns 0
 * when the gap is at most shared_pct % of the pace (met; an underspend is a
 * negative gap), 1 when at most own_pct % (shared 1:9), 2 above; -1 when
 * the budget is 0 (not applicable).  *gap_x100 (may be NULL) gets the gap
 * in hundredths of a percent, rounded toward zero.
 */
int forms_t17_band(int64_t spent, int64_t budget, int month, int64_t shared_pct,
	int64_t own_pct, int64_t *gap_x100);

#endif
