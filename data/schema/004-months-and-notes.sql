-- Schema version 4 (figures a county can trust): units open and close in
-- stated months (DESIGN §1), and the due day is effective-dated, so that
-- adding a unit or changing the due day never rewrites completeness or
-- timeliness of months already past; each value keeps who entered it and
-- the explanation of the warning it raised.

-- The first month a unit's returns are due (YYYYMM), and the last one when it
-- has closed (NULL while open).
ALTER TABLE org_unit ADD COLUMN opened INTEGER NOT NULL DEFAULT 190001;
ALTER TABLE org_unit ADD COLUMN closed_period INTEGER;

-- Units of an older database open with their first return, or the month the
-- audit trail saw them added, or this month: none becomes missing in months
-- nobody expected of it.  A closed unit closes after its last return.
UPDATE org_unit SET opened = coalesce(
	(SELECT min(period) FROM submission s WHERE s.org_id = org_unit.id),
	(SELECT CAST(substr(min(a.at), 1, 4) || substr(min(a.at), 6, 2) AS INTEGER)
	 FROM audit a WHERE a.entity = 'org' AND a.key = org_unit.code),
	CAST(strftime('%Y%m', 'now', '+8 hours') AS INTEGER));
UPDATE org_unit SET closed_period = coalesce(
	(SELECT max(period) FROM submission s WHERE s.org_id = org_unit.id), opened)
	WHERE closed = 1;

-- A return stored for a month before the unit's opening (imported from a
-- county, or the demo's back-filled year) shows it was open then.
CREATE TRIGGER submission_opens_unit AFTER INSERT ON submission BEGIN
	UPDATE org_unit SET opened = NEW.period WHERE id = NEW.org_id AND opened > NEW.period;
END;

-- Settings that change with effect from a month: the value for month P is the
-- row with the latest from_period <= P.  The due day as it stood applies to
-- every month before the first change.
CREATE TABLE setting_history (
	key         TEXT NOT NULL,
	from_period INTEGER NOT NULL,
	value       TEXT NOT NULL,
	PRIMARY KEY (key, from_period)
) WITHOUT ROWID;
INSERT INTO setting_history(key, from_period, value)
	SELECT 'due_day', 190001, coalesce((SELECT value FROM setting WHERE key = 'due_day'), '5');

-- What travels upward with each value (DHIS2's long format): the login that
-- entered it, the clerk's explanation (说明) of the warning it raised, and
-- whether it raised a warning or an outlier (followup).  Written when a value
-- is saved, when a return is submitted, and by an import.  Older values get
-- their enterer from the audit trail.
CREATE TABLE value_note (
	submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
	key           TEXT NOT NULL,
	storedby      TEXT,
	comment       TEXT,
	followup      INTEGER NOT NULL DEFAULT 0 CHECK (followup IN (0,1)),
	PRIMARY KEY (submission_id, key)
) WITHOUT ROWID;
INSERT INTO value_note(submission_id, key, storedby)
	SELECT v.submission_id, v.key, (SELECT a.login FROM audit a
		WHERE a.submission_id = v.submission_id AND a.entity = 'value' AND a.key = v.key
		ORDER BY a.id DESC LIMIT 1)
	FROM value v;

-- Min-max of an institution's figure set by an admin (DHIS2's min-max
-- values, stored units; NULL leaves that end open): outside is warning O3.
CREATE TABLE field_range (
	org_id     INTEGER NOT NULL REFERENCES org_unit(id),
	form       TEXT NOT NULL,
	key        TEXT NOT NULL,
	min        INTEGER,
	max        INTEGER,
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (org_id, form, key)
) WITHOUT ROWID;

-- Outlier thresholds (core/outlier.c), data rather than code: O1 flags a
-- figure outside median ± k × MAD of the institution's last 12 approved
-- months when at least min_months are known, allowing at least floor_pct % of
-- the median and floor_abs units (yuan for amounts); O2 a snapshot figure
-- (编制数, 在岗职工) moving by more than jump_pct % from last month.
INSERT OR IGNORE INTO setting(key, value) VALUES
	('outlier_mad_k', '3'), ('outlier_min_months', '6'), ('outlier_floor_pct', '20'),
	('outlier_floor_abs', '5'), ('snapshot_jump_pct', '50');
