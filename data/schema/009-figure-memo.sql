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

-- What a month's figures read, and so what deletes them (an update only when
-- it changes a column they read: importing the same bundle again, which
-- rewrites rows as they were, keeps them):
--  - a return of the month (its state, version, values, times): that month
--    and every later one (the year-on-year growth reads a month of last
--    year, the growth of a year to date every month before it);
--  - anything every month reads: the units, postings and registers and
--    their activity, settings, targets, ranges, community figures: all.
-- The stored findings the dashboard reads move only after one of these
-- (008's triggers follow the same writes), and a month is stored only after
-- its unjudged returns are judged (yg_findings_refresh): no trigger of its
-- own, so that judging a return again to the same findings keeps them.
CREATE TRIGGER submission_memo_new AFTER INSERT ON submission BEGIN
	DELETE FROM figure_memo WHERE period >= NEW.period;
END;
CREATE TRIGGER submission_memo_moved AFTER UPDATE ON submission
	WHEN NEW.org_id IS NOT OLD.org_id OR NEW.form IS NOT OLD.form OR
	  NEW.period IS NOT OLD.period OR NEW.state IS NOT OLD.state OR
	  NEW.version IS NOT OLD.version OR NEW.submitted_at IS NOT OLD.submitted_at OR
	  NEW.errors IS NOT OLD.errors OR NEW.warnings IS NOT OLD.warnings BEGIN
	DELETE FROM figure_memo WHERE period >= min(NEW.period, OLD.period);
END;
CREATE TRIGGER submission_memo_gone AFTER DELETE ON submission BEGIN
	DELETE FROM figure_memo WHERE period >= OLD.period;
END;
CREATE TRIGGER org_unit_memo_new AFTER INSERT ON org_unit BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER org_unit_memo_moved AFTER UPDATE ON org_unit
	WHEN NEW.kind IS NOT OLD.kind OR NEW.tier IS NOT OLD.tier OR
	  NEW.parent_id IS NOT OLD.parent_id OR NEW.key_central IS NOT OLD.key_central OR
	  NEW.closed IS NOT OLD.closed OR NEW.opened IS NOT OLD.opened OR
	  NEW.closed_period IS NOT OLD.closed_period OR NEW.lead_id IS NOT OLD.lead_id OR
	  NEW.supporting_id IS NOT OLD.supporting_id BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER org_unit_memo_gone AFTER DELETE ON org_unit BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER record_memo_new AFTER INSERT ON record BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER record_memo_moved AFTER UPDATE ON record
	WHEN NEW.form IS NOT OLD.form OR NEW.org_id IS NOT OLD.org_id OR
	  NEW.version IS NOT OLD.version BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER record_memo_gone AFTER DELETE ON record BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER record_value_memo_new AFTER INSERT ON record_value BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER record_value_memo_moved AFTER UPDATE ON record_value
	WHEN NEW.record_id IS NOT OLD.record_id OR NEW.key IS NOT OLD.key OR
	  NEW.num IS NOT OLD.num OR NEW.txt IS NOT OLD.txt BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER record_value_memo_gone AFTER DELETE ON record_value BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER activity_memo_new AFTER INSERT ON activity BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER activity_memo_moved AFTER UPDATE ON activity
	WHEN NEW.record_id IS NOT OLD.record_id OR NEW.period IS NOT OLD.period OR
	  NEW.key IS NOT OLD.key OR NEW.num IS NOT OLD.num BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER activity_memo_gone AFTER DELETE ON activity BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER setting_memo_new AFTER INSERT ON setting BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER setting_memo_moved AFTER UPDATE ON setting
	WHEN NEW.key IS NOT OLD.key OR NEW.value IS NOT OLD.value BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER setting_memo_gone AFTER DELETE ON setting BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER target_memo_new AFTER INSERT ON target BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER target_memo_moved AFTER UPDATE ON target
	WHEN NEW.id IS NOT OLD.id OR NEW.tier IS NOT OLD.tier OR
	  NEW.valid_from IS NOT OLD.valid_from OR NEW.valid_to IS NOT OLD.valid_to OR
	  NEW.threshold IS NOT OLD.threshold BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER target_memo_gone AFTER DELETE ON target BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER field_range_memo_new AFTER INSERT ON field_range BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER field_range_memo_moved AFTER UPDATE ON field_range
	WHEN NEW.org_id IS NOT OLD.org_id OR NEW.form IS NOT OLD.form OR
	  NEW.key IS NOT OLD.key OR NEW.min IS NOT OLD.min OR NEW.max IS NOT OLD.max BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER field_range_memo_gone AFTER DELETE ON field_range BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER community_value_memo_new AFTER INSERT ON community_value BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER community_value_memo_moved AFTER UPDATE ON community_value
	WHEN NEW.org_id IS NOT OLD.org_id OR NEW.period IS NOT OLD.period OR
	  NEW.element IS NOT OLD.element OR NEW.num IS NOT OLD.num BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER community_value_memo_gone AFTER DELETE ON community_value BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER setting_history_memo_new AFTER INSERT ON setting_history BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER setting_history_memo_moved AFTER UPDATE ON setting_history
	WHEN NEW.key IS NOT OLD.key OR NEW.from_period IS NOT OLD.from_period OR
	  NEW.value IS NOT OLD.value BEGIN
	DELETE FROM figure_memo;
END;
CREATE TRIGGER setting_history_memo_gone AFTER DELETE ON setting_history BEGIN
	DELETE FROM figure_memo;
END;
