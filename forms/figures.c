/*
 * figures.c — storing a month's screen figures ahead of the screens (see
 * figures.h).
 */
#include <stdlib.h>

#include "dashboard.h"
#include "figures.h"
#include "outcomes.h"
#include "statusfmt.h"

int figures_store(yg_db *db, size_t *months)
{
	struct yg_org root = { 0 };
	yg_period *v = NULL;
	size_t n = 0;
	int rc;

	*months = 0;
	if (!yg_memo_writable(db))
		return YG_OK;
	if ((rc = yg_memo_unsealed(db, YG_MEMO_DASH, &v, &n)) != YG_OK ||
	    (rc = yg_org_root(db, &root)) != YG_OK) {
		free(v);
		return rc;
	}
	for (size_t i = 0; rc == YG_OK && i < n; i++) {
		struct status_sum *s = NULL;
		size_t ns = 0;

		/* The grid's lines are stored with the root's. */
		rc = status_sums(db, v[i], root.id, &s, &ns);
		free(s);
		if (rc == YG_OK)
			rc = dash_memo_fill(db, v[i], DASH_RECEIVED);
		if (rc == YG_OK)
			rc = outcomes_memo_fill(db, v[i], false);
		*months += rc == YG_OK;
	}
	yg_org_clear(&root);
	free(v);
	return rc;
}
