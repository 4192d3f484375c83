-- Researcher sessions that end, and a sign-in lockout nobody can use against someone else.
--
-- security_stamp: a random value put into the console cookie at sign-in and compared with this column on every
-- console request. Sign-out and `account reset` replace it, so every cookie issued before is refused at once on
-- every web instance. Existing rows each get their own random stamp (gen_random_uuid is evaluated per row).
--
-- signin_failure: failed sign-ins counted per (username, client address), whether or not the username exists,
-- so the lockout answer is the same for unknown names and one address can only lock itself out. It replaces the
-- per-account count of 0001 (failed_logins, locked_until), which let one address lock an account for everyone.
-- Both keys are SHA-256 hashes (hex): a password typed into the username field, or a researcher's address, is
-- never stored readable. Rows older than the lockout are deleted by the next failed sign-in.
-- Written with "if not exists" so it can be applied to a database that has it already.
alter table researcher add column if not exists security_stamp text not null default gen_random_uuid()::text;

create table if not exists signin_failure (
    username_hash   text        not null,
    client_hash     text        not null,
    failures        int         not null default 0,
    locked_until    timestamptz,
    last_failed_at  timestamptz not null default now(),
    primary key (username_hash, client_hash)
);
create index if not exists signin_failure_last_failed_at on signin_failure (last_failed_at);

alter table researcher drop column if exists failed_logins;
alter table researcher drop column if exists locked_until;
