/*
 * yigong-spi.h — what forms/ implements and the core calls back, beside the
 * callers' API (yigong.h, which it includes): the context a rule sees,
 * registering the forms and the communities' own figures, and what rules
 * ask of the core that a front end never should (findings written in both
 * languages, targets in force, records across every scope).
 *
 * forms/ includes it (through forms.h), and so do the core and the unit
 * tests that register forms of their own; the front ends (cli/, tui/) include
 * yigong.h only.  The conventions at the top of yigong.h hold here too: a
 * rule's check appends its findings to out, never empties it.
 *
 * The form specs themselves (struct yg_form, yg_field, yg_rule) stay in
 * yigong.h: the screens and the command line read them.  Their callbacks
 * (yg_rule.check, yg_form.derive, owner, files, active_span) are forms/'s
 * to fill and the core's to call.
 */
#ifndef YIGONG_SPI_H
#define YIGONG_SPI_H

#include "yigong.h"

/* ---------------------------------------------------------------------------
 * Registration, once at start-up
 */
/* The registry of forms, set once at start-up by the program (forms/ fills
 * it); the core looks forms up through it. */
void yg_forms_register(const struct yg_form *const *forms, size_t n);

/*
 * A figure of a medical community as a whole (DESIGN §3.5:
 * sentdown.tertiary_experts_resident).  forms/ computes it from the records
 * and registers it at start-up; CSV returns carry it on the community's line.
 */
struct yg_community_figure {
	const char *element;  /* the full data element: "form.key" */
	const char *zh, *en;  /* label */
	int (*compute)(yg_db *db, int64_t community_id, yg_period p, int64_t *out);
};
void yg_community_figures_register(const struct yg_community_figure *v, size_t n);
size_t yg_community_figure_count(void);
const struct yg_community_figure *yg_community_figure_at(size_t i);
const struct yg_community_figure *yg_community_figure_find(const char *element, size_t len);
/*
 * The figure of a community for a month: the one imported from below when
 * the database holds it, else the one computed from this county's records.
 * *out is -1 when there is neither.  Scope checked.
 */
int yg_community_figure_get(yg_db *db, const struct yg_community_figure *f,
	int64_t community_id, yg_period p, int64_t *out);

/* ---------------------------------------------------------------------------
 * What a rule sees and says
 */
/* What a rule sees. */
struct yg_check_ctx {
	yg_db *db;
	const struct yg_form *form;
	const struct yg_org *org;   /* the filing unit */
	yg_period period;
	const struct yg_value *values; /* form->nfields values */
	int64_t record_id;          /* record forms: the record, 0 if new */
};

/* The value of field key in ctx; NULL when the form has no such field. */
const struct yg_value *yg_ctx_value(const struct yg_check_ctx *ctx, const char *key);
/* The number held by key, or -1 when the field is empty or unknown. */
int64_t yg_ctx_num(const struct yg_check_ctx *ctx, const char *key);

/* Adds a finding with a message formatted in both languages from the same
 * arguments (so pass numbers and codes, not labels: put labels in the
 * formats); returns the finding (NULL when out of memory). */
struct yg_finding *yg_findings_add(struct yg_findings *f, const char *rule,
	enum yg_severity sev, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* ---------------------------------------------------------------------------
 * Targets in force (DESIGN §4)
 */
/* Whether a target is in force in a month (DESIGN §4: every row has the
 * month it takes effect from, and optionally the last). */
enum yg_force {
	YG_FORCE_IN,      /* a row covers the month */
	YG_FORCE_NOT_YET, /* its rows start after the month */
	YG_FORCE_ENDED,   /* its rows ended before the month */
	YG_FORCE_NO_ROW,  /* the table has no row for it: in force, fallback threshold */
};
/* The threshold of target (or of its parts: "T6" finds T6R and T6K) for a
 * tier in period p into *threshold (fallback when no row fits), and whether
 * it is in force then. */
enum yg_force yg_target_at(yg_db *db, const char *target, enum yg_tier tier, yg_period p,
	int64_t fallback, int64_t *threshold);

/* Marks the target findings of f whose target is not in force in p (for a
 * unit of tier) as YG_NOT_IN_FORCE, never missed, saying so in the message.
 * Every place that runs rules calls it once. */
int yg_findings_in_force(yg_db *db, struct yg_findings *f, enum yg_tier tier, yg_period p);

/* ---------------------------------------------------------------------------
 * Records across scopes
 */
/*
 * Records of form whose text field key equals text (ignoring ASCII case),
 * in the whole database, whatever the actor's scope.  For rules that must
 * see across institutions (one doctor posted in two places at once); a
 * screen must not list them.  Needs a login.
 */
int yg_record_match(yg_db *db, const struct yg_form *form, const char *key, const char *text,
	struct yg_record ***out, size_t *n);

#endif /* YIGONG_SPI_H */
