-- Keys every Survey.Web process on this database shares for the participant pages' cheap seals (issue 20): the
-- participant ticket's AES-GCM key (purpose 'ticket-seal') and the HMAC key of the participant form token
-- ('form-token'). One row per purpose and key id; the first process that needs a purpose inserts key 1
-- (on conflict do nothing, then every process reads back the one row that won). The material is protected by
-- ASP.NET Core Data Protection, whose own keys are in data_protection_key. Rotation (a key 2 that new cookies
-- use while key 1 still opens old ones) is not built; the key id is in every sealed value so it can be.
create table web_key (
    purpose     text        not null,
    key_id      integer     not null check (key_id > 0),
    material    bytea       not null,
    created_at  timestamptz not null default now(),
    primary key (purpose, key_id)
);
