-- Version 0.2 asks for returns that 0.1 did not: the services form of every
-- institution, the insurance form of each community's lead hospital, and the
-- staffing form of hospitals (T1 covers 二级以上医疗机构, seed 002 一(四)).
-- In a database that already holds returns they are owed from the first
-- month after the latest return it holds, so the months filed under 0.1 do
-- not turn incomplete for forms that did not exist then.  A new database
-- holds no return: everything is owed from the start.
INSERT INTO setting(key, value)
	SELECT 'obligations_v2_from',
		CAST(CASE WHEN max(period) % 100 = 12 THEN max(period) + 89
			ELSE max(period) + 1 END AS TEXT)
	FROM submission HAVING count(*) > 0;
