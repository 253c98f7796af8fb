/*
 * org_export.c — org export: the tree of units as the CSV org import reads,
 * so that a county's units travel upward with its returns (DESIGN §5).
 */
#include <stdlib.h>
#include <string.h>

#include "csv_internal.h"

int yg_org_export(yg_db *db, FILE *out, struct yg_export_stats *stats)
{
	static const char header[] =
		"code,name,kind,tier,parent,key_central,lead,supporting,opened,closed";
	struct yg_csv_out o;
	struct yg_org *v = NULL;
	size_t n = 0;
	int rc;

	memset(stats, 0, sizeof *stats);
	if ((rc = yg_org_list(db, &v, &n)) != YG_OK)
		return rc;
	if ((rc = yg_csv_out_open(&o, out, YG_ENC_UTF8)) != YG_OK) {
		yg_org_list_free(v, n);
		return rc;
	}
	yg_csv_out_raw(&o, header, sizeof header - 1);
	yg_csv_out_eol(&o);
	for (size_t i = 0; i < n && o.rc == YG_OK; i++) {
		const struct yg_org *u = &v[i];
		const char *cells[] = { u->code, u->name, yg_kind_name(u->kind),
			yg_tier_name(u->tier), u->parent_code, u->key_central ? "1" : "0",
			u->kind == YG_KIND_COMMUNITY ? u->lead_code : NULL,
			u->kind == YG_KIND_COMMUNITY ? u->supporting_code : NULL };
		char opened[8] = "", closed[8] = "";

		for (size_t c = 0; c < sizeof cells / sizeof cells[0]; c++) {
			if (c)
				yg_csv_out_raw(&o, ",", 1);
			if (cells[c])
				yg_csv_out_text(&o, cells[c], strlen(cells[c]));
		}
		if (u->opened)
			yg_period_format(u->opened, opened);
		if (u->closed && u->closed_in)
			yg_period_format(u->closed_in, closed);
		yg_csv_out_raw(&o, ",", 1);
		yg_csv_out_raw(&o, opened, strlen(opened));
		yg_csv_out_raw(&o, ",", 1);
		yg_csv_out_raw(&o, closed, strlen(closed));
		yg_csv_out_eol(&o);
		stats->rows++;
		stats->institutions += yg_kind_is_institution(u->kind);
	}
	yg_org_list_free(v, n);
	stats->bytes = o.bytes;
	return yg_csv_out_close(&o, stats->sha256);
}
