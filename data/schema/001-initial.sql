-- Schema version 1.  Applied by core/db.c inside one transaction, which then
-- sets PRAGMA user_version to the number of migrations applied.

CREATE TABLE setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE org_unit (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('county','community','hospital',
	                 'township','community_centre','village')),
	tier        TEXT NOT NULL DEFAULT '' CHECK (tier IN ('','primary','secondary','tertiary')),
	parent_id   INTEGER REFERENCES org_unit(id),
	key_central INTEGER NOT NULL DEFAULT 0 CHECK (key_central IN (0,1)),
	closed      INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0,1))
);
CREATE INDEX org_unit_parent ON org_unit(parent_id);

CREATE TABLE app_user (
	id       INTEGER PRIMARY KEY,
	login    TEXT NOT NULL UNIQUE,
	role     TEXT NOT NULL CHECK (role IN ('clerk','reviewer','admin')),
	org_id   INTEGER NOT NULL REFERENCES org_unit(id),
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1))
);

-- One submission per institution, form and month.
CREATE TABLE submission (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES org_unit(id),
	form         TEXT NOT NULL,
	period       INTEGER NOT NULL CHECK (period BETWEEN 190001 AND 299912),
	state        TEXT NOT NULL CHECK (state IN ('draft','submitted','returned','approved','reopened')),
	version      INTEGER NOT NULL DEFAULT 1,
	comment      TEXT,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	updated_by   TEXT NOT NULL,
	submitted_at TEXT,          -- first submission: timeliness
	errors       INTEGER NOT NULL DEFAULT 0,
	warnings     INTEGER NOT NULL DEFAULT 0,
	UNIQUE (org_id, form, period)
);
CREATE INDEX submission_period ON submission(period, form);

-- Values by field key; num for counts, fen, dates, flags; txt for text.
CREATE TABLE value (
	submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
	key           TEXT NOT NULL,
	num           INTEGER,
	txt           TEXT,
	PRIMARY KEY (submission_id, key)
) WITHOUT ROWID;

CREATE TABLE explanation (
	submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
	rule          TEXT NOT NULL,
	txt           TEXT NOT NULL,
	PRIMARY KEY (submission_id, rule)
) WITHOUT ROWID;

-- Roster records (postings, referrals) and their values.
CREATE TABLE record (
	id         INTEGER PRIMARY KEY,
	form       TEXT NOT NULL,
	org_id     INTEGER NOT NULL REFERENCES org_unit(id),
	version    INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL
);
CREATE INDEX record_org ON record(form, org_id);

CREATE TABLE record_value (
	record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
	key       TEXT NOT NULL,
	num       INTEGER,
	txt       TEXT,
	PRIMARY KEY (record_id, key)
) WITHOUT ROWID;

-- Monthly activity of a posting.
CREATE TABLE activity (
	record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
	period    INTEGER NOT NULL,
	key       TEXT NOT NULL,
	num       INTEGER NOT NULL CHECK (num >= 0),
	PRIMARY KEY (record_id, period, key)
) WITHOUT ROWID;

-- Reference thresholds of the targets (data/targets.csv).
CREATE TABLE target (
	id        TEXT NOT NULL,
	tier      TEXT NOT NULL DEFAULT '',   -- '' applies to every tier
	threshold INTEGER NOT NULL,
	unit      TEXT NOT NULL,
	source    TEXT NOT NULL,
	PRIMARY KEY (id, tier)
) WITHOUT ROWID;

CREATE TABLE audit (
	id            INTEGER PRIMARY KEY,
	at            TEXT NOT NULL,
	login         TEXT NOT NULL,
	acting_for    TEXT,
	submission_id INTEGER REFERENCES submission(id) ON DELETE SET NULL,
	entity        TEXT NOT NULL,
	key           TEXT,
	old_value     TEXT,
	new_value     TEXT,
	comment       TEXT
);
CREATE INDEX audit_submission ON audit(submission_id);
