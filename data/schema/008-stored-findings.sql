-- Schema version 8: what the rules find in each return is stored when the
-- return, or anything its rules read, changes, so that the review grid, the
-- dashboard and the bulletin read it instead of rerunning every rule of every
-- return (core/findings.c says how it is kept true; `check` recomputes and
-- reports any difference).

-- The findings of a return, in the order its rules gave them: the rule, the
-- severity, the verdict of a target (met: 1 met, 0 missed, -1 not applicable,
-- -2 not in force), the field and the figure num/den it is about, the unit a
-- finding names when it is another's (T4), and the message in both languages.
CREATE TABLE finding (
	submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
	seq      INTEGER NOT NULL,
	rule     TEXT NOT NULL,
	severity TEXT NOT NULL CHECK (severity IN ('error','warning','target')),
	met      INTEGER NOT NULL,
	field    TEXT,
	num      INTEGER NOT NULL DEFAULT 0,
	den      INTEGER NOT NULL DEFAULT 0,
	org_code TEXT,
	zh       TEXT NOT NULL,
	en       TEXT NOT NULL,
	PRIMARY KEY (submission_id, seq)
) WITHOUT ROWID;

-- The counts of a return's findings by severity (targets: missed and met).
-- A return without a row here has not been judged since something broad
-- changed (a threshold, an outlier setting): the screens judge it, once,
-- before they read (yg_findings_refresh).
CREATE TABLE finding_count (
	submission_id INTEGER PRIMARY KEY REFERENCES submission(id) ON DELETE CASCADE,
	errors   INTEGER NOT NULL,
	warnings INTEGER NOT NULL,
	missed   INTEGER NOT NULL,
	met      INTEGER NOT NULL
);

-- Returns whose findings a change inside the open transaction may have
-- moved (each once: the triggers test, since an upsert's conflict clause
-- would override an OR IGNORE inside them); judged again just before it commits (yg_write_end), so that it is
-- always empty between transactions.  Filled by the triggers below, which
-- follow what the rules read:
--  - a return's own values and state, and for the same unit: every return of
--    the same month (services reads familydoc) and the next 12 months of the
--    same form (O1 the last 12 approved months, O2 and the insurance running
--    totals last month's);
--  - a unit's kind, tier, place, key-central mark, lead and supporting
--    hospitals: its returns and its children's;
--  - postings, referrals and activity: the editable returns of the unit
--    holding them and the two above it (derived fields are read afresh while
--    a return is editable; frozen after);
--  - an institution's min-max range: its returns of that form.
CREATE TABLE finding_dirty (
	submission_id INTEGER PRIMARY KEY
);

CREATE TRIGGER submission_findings_new AFTER INSERT ON submission BEGIN
	INSERT INTO finding_dirty(submission_id)
		SELECT DISTINCT d.id FROM submission d WHERE d.org_id = NEW.org_id
		   AND (d.period = NEW.period OR (d.form = NEW.form
		        AND d.period > NEW.period AND d.period <= NEW.period + 100))
		   AND NOT EXISTS (SELECT 1 FROM finding_dirty x WHERE x.submission_id = d.id);
END;
CREATE TRIGGER submission_findings_moved AFTER UPDATE OF state, version ON submission BEGIN
	INSERT INTO finding_dirty(submission_id)
		SELECT DISTINCT d.id FROM submission d WHERE d.org_id = NEW.org_id
		   AND (d.period = NEW.period OR (d.form = NEW.form
		        AND d.period > NEW.period AND d.period <= NEW.period + 100))
		   AND NOT EXISTS (SELECT 1 FROM finding_dirty x WHERE x.submission_id = d.id);
END;
CREATE TRIGGER submission_findings_gone AFTER DELETE ON submission BEGIN
	INSERT INTO finding_dirty(submission_id)
		SELECT DISTINCT d.id FROM submission d WHERE d.org_id = OLD.org_id
		   AND (d.period = OLD.period OR (d.form = OLD.form
		        AND d.period > OLD.period AND d.period <= OLD.period + 100))
		   AND NOT EXISTS (SELECT 1 FROM finding_dirty x WHERE x.submission_id = d.id);
END;

CREATE TRIGGER org_unit_findings AFTER UPDATE ON org_unit
	WHEN NEW.kind IS NOT OLD.kind OR NEW.tier IS NOT OLD.tier
	  OR NEW.parent_id IS NOT OLD.parent_id OR NEW.key_central IS NOT OLD.key_central
	  OR NEW.closed IS NOT OLD.closed OR NEW.closed_period IS NOT OLD.closed_period
	  OR NEW.lead_id IS NOT OLD.lead_id OR NEW.supporting_id IS NOT OLD.supporting_id BEGIN
	INSERT INTO finding_dirty(submission_id)
		SELECT DISTINCT d.id FROM submission d WHERE (d.org_id = NEW.id
		    OR d.org_id IN (SELECT c.id FROM org_unit c WHERE c.parent_id = NEW.id))
		   AND NOT EXISTS (SELECT 1 FROM finding_dirty x WHERE x.submission_id = d.id);
END;

CREATE TRIGGER record_findings_new AFTER INSERT ON record BEGIN
	INSERT INTO finding_dirty(submission_id)
		SELECT DISTINCT d.id FROM submission d, org_unit o
		 WHERE o.id = NEW.org_id AND d.state IN ('draft','returned','reopened')
		   AND (d.org_id = o.id OR d.org_id = o.parent_id
		        OR d.org_id = (SELECT p.parent_id FROM org_unit p WHERE p.id = o.parent_id))
		   AND NOT EXISTS (SELECT 1 FROM finding_dirty x WHERE x.submission_id = d.id);
END;
CREATE TRIGGER record_findings_moved AFTER UPDATE ON record BEGIN
	INSERT INTO finding_dirty(submission_id)
		SELECT DISTINCT d.id FROM submission d, org_unit o
		 WHERE o.id IN (NEW.org_id, OLD.org_id) AND d.state IN ('draft','returned','reopened')
		   AND (d.org_id = o.id OR d.org_id = o.parent_id
		        OR d.org_id = (SELECT p.parent_id FROM org_unit p WHERE p.id = o.parent_id))
		   AND NOT EXISTS (SELECT 1 FROM finding_dirty x WHERE x.submission_id = d.id);
END;
CREATE TRIGGER record_findings_gone AFTER DELETE ON record BEGIN
	INSERT INTO finding_dirty(submission_id)
		SELECT DISTINCT d.id FROM submission d, org_unit o
		 WHERE o.id = OLD.org_id AND d.state IN ('draft','returned','reopened')
		   AND (d.org_id = o.id OR d.org_id = o.parent_id
		        OR d.org_id = (SELECT p.parent_id FROM org_unit p WHERE p.id = o.parent_id))
		   AND NOT EXISTS (SELECT 1 FROM finding_dirty x WHERE x.submission_id = d.id);
END;
CREATE TRIGGER record_value_findings_new AFTER INSERT ON record_value BEGIN
	UPDATE record SET org_id = org_id WHERE id = NEW.record_id;
END;
CREATE TRIGGER record_value_findings_gone AFTER DELETE ON record_value BEGIN
	UPDATE record SET org_id = org_id WHERE id = OLD.record_id;
END;
CREATE TRIGGER activity_findings_new AFTER INSERT ON activity BEGIN
	UPDATE record SET org_id = org_id WHERE id = NEW.record_id;
END;
CREATE TRIGGER activity_findings_moved AFTER UPDATE ON activity BEGIN
	UPDATE record SET org_id = org_id WHERE id = NEW.record_id;
END;
CREATE TRIGGER activity_findings_gone AFTER DELETE ON activity BEGIN
	UPDATE record SET org_id = org_id WHERE id = OLD.record_id;
END;

CREATE TRIGGER field_range_findings_new AFTER INSERT ON field_range BEGIN
	INSERT INTO finding_dirty(submission_id)
		SELECT id FROM submission WHERE org_id = NEW.org_id AND form = NEW.form
		   AND NOT EXISTS (SELECT 1 FROM finding_dirty x WHERE x.submission_id = submission.id);
END;
CREATE TRIGGER field_range_findings_moved AFTER UPDATE ON field_range BEGIN
	INSERT INTO finding_dirty(submission_id)
		SELECT id FROM submission WHERE org_id = NEW.org_id AND form = NEW.form
		   AND NOT EXISTS (SELECT 1 FROM finding_dirty x WHERE x.submission_id = submission.id);
END;
CREATE TRIGGER field_range_findings_gone AFTER DELETE ON field_range BEGIN
	INSERT INTO finding_dirty(submission_id)
		SELECT id FROM submission WHERE org_id = OLD.org_id AND form = OLD.form
		   AND NOT EXISTS (SELECT 1 FROM finding_dirty x WHERE x.submission_id = submission.id);
END;

-- Thresholds and the settings rules read move every return's verdicts: too
-- many to judge inside an admin's change, so they are all marked unjudged
-- and each month is judged again when a screen first shows it.
CREATE TRIGGER target_findings_new AFTER INSERT ON target BEGIN
	DELETE FROM finding_count;
END;
CREATE TRIGGER target_findings_moved AFTER UPDATE ON target BEGIN
	DELETE FROM finding_count;
END;
CREATE TRIGGER target_findings_gone AFTER DELETE ON target BEGIN
	DELETE FROM finding_count;
END;
CREATE TRIGGER setting_findings_new AFTER INSERT ON setting
	WHEN NEW.key IN ('outlier_mad_k', 'outlier_min_months', 'outlier_floor_pct',
	     'outlier_floor_abs', 'snapshot_jump_pct', 'contract_start_month', 'gdp_growth_x10') BEGIN
	DELETE FROM finding_count;
END;
CREATE TRIGGER setting_findings_moved AFTER UPDATE ON setting
	WHEN NEW.key IN ('outlier_mad_k', 'outlier_min_months', 'outlier_floor_pct',
	     'outlier_floor_abs', 'snapshot_jump_pct', 'contract_start_month', 'gdp_growth_x10') BEGIN
	DELETE FROM finding_count;
END;

-- Every return of an older database is judged before the upgrade commits.
INSERT INTO finding_dirty(submission_id) SELECT id FROM submission;
