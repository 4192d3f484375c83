-- Withdrawn and purged participants leave no row behind, but the dashboard shows them per cell and block
-- order. A statement trigger counts every deleted participant row, whatever code deleted it; the purge sets
-- ppl.removal_reason = 'purged' in its transaction, everything else counts as withdrawn.
create table removal_count (
    study_id       text   not null,
    study_version  int    not null,
    cell_idx       int    not null,
    order_idx      int    not null,
    reason         text   not null check (reason in ('withdrawn', 'purged')),
    n              bigint not null default 0,
    primary key (study_id, study_version, cell_idx, order_idx, reason)
);

create function count_removed_participants() returns trigger language plpgsql as $$
begin
    insert into removal_count as rc (study_id, study_version, cell_idx, order_idx, reason, n)
    select g.study_id, g.study_version, g.cell_idx, g.order_idx,
           case when coalesce(current_setting('ppl.removal_reason', true), '') = 'purged' then 'purged' else 'withdrawn' end,
           count(*)
    from gone g
    group by 1, 2, 3, 4, 5
    on conflict (study_id, study_version, cell_idx, order_idx, reason) do update set n = rc.n + excluded.n;
    return null;
end
$$;

create trigger participant_removed after delete on participant
    referencing old table as gone for each statement execute function count_removed_participants();

-- The dashboard counts a study's participants by status often; the sign-in lookup is by username (unique already).
create index participant_study_status on participant (study_id, status);
