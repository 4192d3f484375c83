-- Studies: one row per imported (id, version); the definition is the parsed study file as JSON.
create table study (
    id            text        not null,
    version       int         not null,
    content_hash  text        not null,
    definition    jsonb       not null,
    imported_at   timestamptz not null default now(),
    primary key (id, version)
);

-- The state a researcher controls, and the counts that are kept without any participant record.
create table study_state (
    study_id        text   primary key,
    current_version int    not null,
    status          text   not null default 'open' check (status in ('open', 'paused', 'closed')),
    entered         bigint not null default 0,
    declined        bigint not null default 0,
    withdrawn       bigint not null default 0
);

-- Balanced assignment: one counter per cell and per block order, locked by enrolment.
create table assignment_counter (
    study_id      text not null,
    study_version int  not null,
    kind          text not null check (kind in ('cell', 'order')),
    idx           int  not null,
    cell_idx      int  not null default -1,
    n             int  not null default 0,
    primary key (study_id, study_version, kind, idx, cell_idx)
);

create table participant (
    id                 text        primary key,
    study_id           text        not null,
    study_version      int         not null,
    cell_idx           int         not null,
    arm                text        not null,
    order_idx          int         not null,
    block_order        text        not null,
    language           text        not null,
    status             text        not null default 'in_progress'
                                   check (status in ('in_progress', 'completed', 'abandoned')),
    step               int         not null default 0,
    started_at         timestamptz not null default now(),
    completed_at       timestamptz,
    last_seen_at       timestamptz not null default now(),
    attention_passed   boolean,
    checkout_outcome   text        check (checkout_outcome in ('ordered', 'left_shop')),
    behaviour_consent  boolean,
    completion_code    text        not null,
    foreign key (study_id, study_version) references study (id, version)
);
create index participant_study on participant (study_id, id);

-- Kept apart from the answers on purpose: erasable, exported only to panel_ids.csv.
create table panel_id (
    participant_id        text not null primary key references participant (id) on delete cascade,
    study_id              text not null,
    panel                 text not null,
    panel_participant_id  text not null,
    panel_study_id        text,
    panel_session_id      text,
    unique (study_id, panel, panel_participant_id)
);

create table response (
    participant_id  text        not null references participant (id) on delete cascade,
    page            text        not null,
    item            text        not null,
    value           text        not null,
    answered_at     timestamptz not null,
    primary key (participant_id, item)
);

create table page_time (
    participant_id  text        not null references participant (id) on delete cascade,
    step            int         not null,
    page            text        not null,
    shown_at        timestamptz not null,
    submitted_at    timestamptz,
    primary key (participant_id, step)
);

-- The behaviour in the mock checkout. Never the typed value: only whether, how plausible, how long.
create table disclosure (
    participant_id    text    not null references participant (id) on delete cascade,
    field             text    not null,
    offer_pct         numeric not null,
    disclosed         boolean not null,
    plausible         boolean,
    list_count        int,
    time_on_field_ms  int,
    primary key (participant_id, field)
);

create table researcher (
    id              bigint generated always as identity primary key,
    username        text        not null unique,
    password_hash   text        not null,
    failed_logins   int         not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz not null default now()
);

-- Who exported or erased what and when; never personal data.
create table audit_log (
    id        bigint generated always as identity primary key,
    at        timestamptz not null default now(),
    actor     text        not null,
    action    text        not null,
    study_id  text,
    detail    text        not null default ''
);

-- ASP.NET Core data-protection keys, shared by every Survey.Web process on this database.
create table data_protection_key (
    friendly_name  text primary key,
    xml            text not null,
    created_at     timestamptz not null default now()
);
