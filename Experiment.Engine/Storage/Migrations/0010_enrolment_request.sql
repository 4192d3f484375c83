-- One row per "I agree" consent form (a random token rendered into the form): a double click or a replayed
-- consent POST finds the participant the first one enrolled instead of enrolling a second one.
-- Holds no personal data and goes with the participant when it is erased.
create table enrolment_request (
    token           text        primary key,
    participant_id  text        not null references participant (id) on delete cascade,
    created_at      timestamptz not null default now()
);
