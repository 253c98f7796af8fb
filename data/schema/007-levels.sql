-- Schema version 7 (DESIGN §1 "Levels above the county"): a database whose
-- root is a prefecture (地市) or a province (省) consolidates the counties'
-- trees below it, so org_unit takes two more kinds.  SQLite cannot change a
-- CHECK constraint in place: the table is made anew with the same columns
-- and rows (ids kept, so every reference stays as it was) and renamed; the
-- trigger that names it is taken down for the rename and put back.
-- core/db.c runs migrations with foreign keys off.

DROP TRIGGER submission_opens_unit;

CREATE TABLE org_unit_new (
	id            INTEGER PRIMARY KEY,
	code          TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	kind          TEXT NOT NULL CHECK (kind IN ('county','community','hospital',
	                   'township','community_centre','village','prefecture','province')),
	tier          TEXT NOT NULL DEFAULT '' CHECK (tier IN ('','primary','secondary','tertiary')),
	parent_id     INTEGER REFERENCES org_unit(id),
	key_central   INTEGER NOT NULL DEFAULT 0 CHECK (key_central IN (0,1)),
	closed        INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0,1)),
	opened        INTEGER NOT NULL DEFAULT 190001,
	closed_period INTEGER,
	lead_id       INTEGER REFERENCES org_unit(id),
	supporting_id INTEGER REFERENCES org_unit(id)
);
INSERT INTO org_unit_new(id, code, name, kind, tier, parent_id, key_central, closed, opened,
		closed_period, lead_id, supporting_id)
	SELECT id, code, name, kind, tier, parent_id, key_central, closed, opened,
		closed_period, lead_id, supporting_id FROM org_unit;
DROP TABLE org_unit;
ALTER TABLE org_unit_new RENAME TO org_unit;
CREATE INDEX org_unit_parent ON org_unit(parent_id);

CREATE TRIGGER submission_opens_unit AFTER INSERT ON submission BEGIN
	UPDATE org_unit SET opened = NEW.period WHERE id = NEW.org_id AND opened > NEW.period;
END;
