/*
 * statusfmt.c — counting a period's status table.
 *
 * Completeness and timeliness follow the DHIS2 reporting rates: returns
 * received (on time) over returns expected.  A return counts as received
 * from its first submission on, even if it was later sent back.
 */
#include "config.h"

#include "statusfmt.h"

enum status_timeliness status_timeliness(const struct yg_status *s)
{
	if (s->submitted_at)
		return s->late ? ST_LATE : ST_ON_TIME;
	return s->late ? ST_MISSING : ST_PENDING;
}

const char *status_timeliness_name(enum status_timeliness t)
{
	switch (t) {
	case ST_ON_TIME: return "on-time";
	case ST_LATE: return "late";
	case ST_MISSING: return "missing";
	case ST_PENDING: return "pending";
	}
	return "";
}

const char *status_timeliness_label(enum status_timeliness t)
{
	switch (t) {
	case ST_ON_TIME: return _("on time");
	case ST_LATE: return _("late");
	case ST_MISSING: return _("missing");
	case ST_PENDING: return _("not yet due");
	}
	return "";
}

void status_totals(const struct yg_status *v, size_t n, struct status_totals *t)
{
	*t = (struct status_totals){ .expected = n };
	for (size_t i = 0; i < n; i++) {
		switch (v[i].state) {
		case YG_ST_EMPTY: t->not_started++; break;
		case YG_ST_DRAFT:
		case YG_ST_REOPENED: t->draft++; break;
		case YG_ST_SUBMITTED: t->submitted++; break;
		case YG_ST_RETURNED: t->returned++; break;
		case YG_ST_APPROVED: t->approved++; break;
		}
		switch (status_timeliness(&v[i])) {
		case ST_ON_TIME: t->on_time++; t->received++; break;
		case ST_LATE: t->late++; t->received++; break;
		case ST_MISSING: t->missing++; break;
		case ST_PENDING: t->pending++; break;
		}
	}
}

void status_totals_add(struct status_totals *a, const struct status_totals *b)
{
	a->expected += b->expected;
	a->submitted += b->submitted;
	a->approved += b->approved;
	a->returned += b->returned;
	a->draft += b->draft;
	a->not_started += b->not_started;
	a->received += b->received;
	a->on_time += b->on_time;
	a->late += b->late;
	a->missing += b->missing;
	a->pending += b->pending;
}

static int tenths(size_t num, size_t den)
{
	if (den == 0)
		return -1;
	return (int)((num * 1000 + den / 2) / den);
}

int status_completeness(const struct status_totals *t)
{
	return tenths(t->received, t->expected);
}

int status_timeliness_pct(const struct status_totals *t)
{
	return tenths(t->on_time, t->expected);
}
