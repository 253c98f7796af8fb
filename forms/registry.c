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
	&form_posting,
	&form_referral,
	&form_posting_activity,
};

void forms_register_all(void)
{
	yg_forms_register(all, sizeof all / sizeof all[0]);
}
