-- Schema version 5 (issue 12): who leads and who supports a medical
-- community, and the months each target is in force.

-- A community names its lead hospital (牵头医院, one of its own) and may
-- name one supporting urban tertiary hospital (帮扶的城市三级医院), which
-- may sit outside the community.  T2-T5 read them (DESIGN §1, §3.5).
ALTER TABLE org_unit ADD COLUMN lead_id INTEGER REFERENCES org_unit(id);
ALTER TABLE org_unit ADD COLUMN supporting_id INTEGER REFERENCES org_unit(id);
-- Version 0.1 took the hospital directly under a community as its lead:
-- say so explicitly, so that nothing changes for a database written then.
UPDATE org_unit SET lead_id = (
	SELECT h.id FROM org_unit h
	 WHERE h.parent_id = org_unit.id AND h.kind = 'hospital' AND h.closed = 0
	 ORDER BY h.code LIMIT 1)
 WHERE kind = 'community';

-- A target row is in force from a month (0: always) to a month (NULL: no
-- end), so a row may be superseded from a stated month without rewriting
-- the verdicts of the months before it.
CREATE TABLE target_v5 (
	id         TEXT NOT NULL,
	tier       TEXT NOT NULL DEFAULT '',   -- '' applies to every tier
	valid_from INTEGER NOT NULL DEFAULT 0, -- YYYYMM; 0: since ever
	valid_to   INTEGER,                    -- YYYYMM, the last month; NULL: open
	threshold  INTEGER NOT NULL,
	unit       TEXT NOT NULL,
	source     TEXT NOT NULL,
	PRIMARY KEY (id, tier, valid_from)
) WITHOUT ROWID;
-- Seed 004 (Tibet) sets 完成时限 "2025年9月前" for 二(二), 二(四) and 二(六).
INSERT INTO target_v5(id, tier, valid_from, valid_to, threshold, unit, source)
	SELECT id, tier, CASE WHEN source LIKE '004%' THEN 202509 ELSE 0 END, NULL,
	       threshold, unit, source FROM target;
DROP TABLE target;
ALTER TABLE target_v5 RENAME TO target;

-- Postings gain a mode (resident/circuit/remote) and a profession
-- (medical/pharmacy/nursing/management).  Version 0.1 recorded doctors posted
-- to serve on site: resident, medical.
INSERT INTO record_value(record_id, key, num, txt)
	SELECT r.id, 'mode', NULL, 'resident' FROM record r
	 WHERE r.form = 'posting' AND NOT EXISTS (SELECT 1 FROM record_value v
	       WHERE v.record_id = r.id AND v.key = 'mode');
INSERT INTO record_value(record_id, key, num, txt)
	SELECT r.id, 'profession', NULL, 'medical' FROM record r
	 WHERE r.form = 'posting' AND NOT EXISTS (SELECT 1 FROM record_value v
	       WHERE v.record_id = r.id AND v.key = 'profession');
