/*
 * registry.c — every form, in the order screens and exports list them:
 * the monthly returns first, then the record forms.
 */
#include "forms.h"

static const struct yg_form *const all[] = {
	&form_staffing,
	&form_sentdown,
	&form_familydoc,
	&form_capacity,
	&form_procurement,
	&form_services,
	&form_insurance,
	&form_posting,
	&form_referral,
	&form_posting_activity,
};

/* Figures of a medical community as a whole, sent upward on its own line. */
static const struct yg_community_figure figures[] = {
	{ "sentdown.tertiary_experts_resident", "全月派驻的城市三级医院专家",
	  N_("Experts from urban tertiary hospitals resident all month"), forms_community_experts },
};

void forms_register_all(void)
{
	yg_forms_register(all, sizeof all / sizeof all[0]);
	yg_community_figures_register(figures, sizeof figures / sizeof figures[0]);
}
