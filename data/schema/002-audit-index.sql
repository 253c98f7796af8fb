-- Schema version 2: the review screens list a unit's history by time.
CREATE INDEX audit_at ON audit(at);
