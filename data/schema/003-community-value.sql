-- Schema version 3: figures of a medical community as a whole
-- (sentdown.tertiary_experts_resident) imported from the counties below; a
-- county's own are computed from its postings roster.
CREATE TABLE community_value (
	org_id     INTEGER NOT NULL REFERENCES org_unit(id),
	period     INTEGER NOT NULL,
	element    TEXT NOT NULL,
	num        INTEGER NOT NULL CHECK (num >= 0),
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	PRIMARY KEY (org_id, period, element)
) WITHOUT ROWID;
