-- The disclosure mode that measured each checkout row (issue #14): server (typed, classified on the server),
-- browser (typed, classified in the browser, only the class sent) or choice (a tick, nothing typed). Every row
-- before this migration was measured on the server.
alter table disclosure add column disclosure_mode text not null default 'server'
    check (disclosure_mode in ('server', 'browser', 'choice'));
