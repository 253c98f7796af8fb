-- Schema version 9: the figures the screens show for a month (the review
-- grid's counts, the targets dashboard, the outcome indicators), kept per
-- unit beside the data they are made of, so that a province's reviewer reads
-- a prefecture's line instead of adding up its two thousand institutions
-- again on every screen (issue 14).
--
-- A memo, not data: a row is only ever a copy of what forms/ computes from
-- the tables below, and any write those figures may read deletes the rows
-- it may have moved.  The screens compute a missing month once, as an actor
-- who sees the whole tree, and store it (core/memo.c); `check` computes
-- every stored month again and reports any difference.
--
-- kind: which figures (core/yigong.h enum yg_memo_kind); org_id 0 is the
-- month's seal: every unit's row of that kind and month is in.  data: the
-- figures packed by the module that owns them, behind a tag it checks.
CREATE TABLE figure_memo (
	period INTEGER NOT NULL,
	kind   INTEGER NOT NULL,
	org_id INTEGER NOT NULL,
	data   BLOB NOT NULL,
	PRIMARY KEY (period, kind, org_id)
) WITHOUT ROWID;

-- What a month's figures read, and so what deletes them:
--  - a return of the month (its state, version, values, times): that month
--    and every later one (the year-on-year growth reads a month of last
--    year, the growth of a year to date every month before it);
--  - its stored findings, judged again (same months);
--  - anything every month reads: the units, postings and registers and
--    their activity, settings, targets, ranges, community figures: all.
CREATE TRIGGER submission_memo_new AFTER INSERT ON submission BEGIN
	DELETE FROM figure_memo WHERE period >= NEW.period;
END;
CREATE TRIGGER submission_memo_moved AFTER UPDATE ON submission BEGIN
	DELETE FROM figure_memo WHERE period >= min(NEW.period, OLD.period);
END;
CREATE TRIGGER submission_memo_gone AFTER DELETE ON submission BEGIN
	DELETE FROM figure_memo WHERE period >= OLD.period;
END;
CREATE TRIGGER finding_count_memo_new AFTER INSERT ON finding_count BEGIN
	DELETE FROM figure_memo WHERE period >=
		(SELECT s.period FROM submission s WHERE s.id = NEW.submission_id);
END;
CREATE TRIGGER finding_count_memo_moved AFTER UPDATE ON finding_count BEGIN
	DELETE FROM figure_memo WHERE period >=
		(SELECT s.period FROM submission s WHERE s.id = NEW.submission_id);
END;
CREATE TRIGGER finding_count_memo_gone AFTER DELETE ON finding_count BEGIN
	DELETE FROM figure_memo WHERE period >=
		(SELECT s.period FROM submission s WHERE s.id = OLD.submission_id);
END;
CREATE TRIGGER org_unit_memo_new AFTER INSERT ON org_unit BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER org_unit_memo_moved AFTER UPDATE ON org_unit BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER org_unit_memo_gone AFTER DELETE ON org_unit BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER record_memo_new AFTER INSERT ON record BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER record_memo_moved AFTER UPDATE ON record BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER record_memo_gone AFTER DELETE ON record BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER record_value_memo_new AFTER INSERT ON record_value BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER record_value_memo_moved AFTER UPDATE ON record_value BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER record_value_memo_gone AFTER DELETE ON record_value BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER activity_memo_new AFTER INSERT ON activity BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER activity_memo_moved AFTER UPDATE ON activity BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER activity_memo_gone AFTER DELETE ON activity BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER setting_memo_new AFTER INSERT ON setting BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER setting_memo_moved AFTER UPDATE ON setting BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER setting_memo_gone AFTER DELETE ON setting BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER target_memo_new AFTER INSERT ON target BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER target_memo_moved AFTER UPDATE ON target BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER target_memo_gone AFTER DELETE ON target BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER field_range_memo_new AFTER INSERT ON field_range BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER field_range_memo_moved AFTER UPDATE ON field_range BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER field_range_memo_gone AFTER DELETE ON field_range BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER community_value_memo_new AFTER INSERT ON community_value BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER community_value_memo_moved AFTER UPDATE ON community_value BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER community_value_memo_gone AFTER DELETE ON community_value BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER setting_history_memo_new AFTER INSERT ON setting_history BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER setting_history_memo_moved AFTER UPDATE ON setting_history BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER setting_history_memo_gone AFTER DELETE ON setting_history BEGIN
	DELETE FROM figure_memo;
END;
