-- A second entry of an enrolled panel id (another browser or device, a cleared cookie, a second attempt) is a
-- data-quality signal. It is kept as a count on the participant the panel id belongs to, so nothing new that
-- identifies a person is stored: no time, no address, no browser. Assigner.MatchPanelAsync increments it.
alter table participant add column repeat_entries int not null default 0;
