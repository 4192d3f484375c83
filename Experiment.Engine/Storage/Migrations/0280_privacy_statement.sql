-- The shop's privacy statement (issue 17): whether the participant opened it (the statement page, or the checkout's
-- in-page statement as the browser reports it) and how long it was open at the checkout (ms, measured in the
-- browser; null without JavaScript). No typed value travels with either.
alter table participant add column privacy_statement_opened boolean, add column privacy_statement_ms integer;
