-- The balance policy a study declares (design.balance, Assignment.BalancePolicy).
--
-- "enrolled" (the default) counts every enrolment, as 0040 did: the assignment_counter rows. A drop-out keeps
-- its place, so under attrition that differs by cell the completed counts drift apart. "completed-plus-active"
-- (psiTurk's and Gorilla's rule) counts a cell's completed participants plus those still active, so the place of
-- a drop-out is given to the next person once the session has gone silent for the study's activeTimeoutMinutes.
-- The counters are still kept under both policies (they are the enrolled counts the dashboard and imports use).
--
-- "Active" is the abandonment rule (Abandonment.StatusSql: in_progress with a request since the cutoff) with the
-- study's timeout as the cutoff. participant_status is that rule's one SQL home: Abandonment.StatusSql calls it
-- with Abandonment.After, balance_counts with the study's timeout. Both take the cutoff as a parameter computed
-- from the caller's TimeProvider, never now(), so tests control the clock. An inlinable SQL function: the planner
-- substitutes its expression, so queries using it plan as before.
create function participant_status(p_status text, p_last_seen_at timestamptz, p_abandoned_before timestamptz)
returns text language sql immutable parallel safe as $$
    select case when p_status = 'in_progress' and p_last_seen_at < p_abandoned_before then 'abandoned' else p_status end
$$;

-- What completed-plus-active counts, per cell and block order of one study version: completed participants and
-- those active as of p_active_since (now minus the study's activeTimeoutMinutes). Erased participants are gone,
-- so a withdrawal frees its place under this policy. The dashboard reads the same function (DashboardData).
-- The enrolment, the fullness check and the dashboard all count through here (0210 adds the pilot exclusion).
create function balance_counts(p_study_id text, p_version int, p_active_since timestamptz)
returns table (cell_idx int, order_idx int, n bigint) language sql stable as $$
    select p.cell_idx, p.order_idx, count(*)
    from participant p
    where p.study_id = p_study_id and p.study_version = p_version
      and participant_status(p.status, p.last_seen_at, p_active_since) in ('in_progress', 'completed')
    group by p.cell_idx, p.order_idx
$$;

-- 0040's function with the policy and the clock as parameters; everything else (locks, token, panel id, forced
-- cell, tie-breaks, counters) is unchanged, see 0040's comments. p_active_since is null under "enrolled" (the
-- counters decide) and now minus the timeout under "completed-plus-active" (balance_counts decides). p_now, the
-- caller's clock, is the new participant's last_seen_at: the moment its place starts to count as active.
drop function enrol_participant(text, int, float8[], int, int, text, text[], text[], text, text, text, text, text, text, text);

create function enrol_participant(
    p_study_id text, p_version int, p_weights float8[], p_order_count int, p_forced int,
    p_participant_id text, p_arms text[], p_block_orders text[], p_language text, p_completion_code text,
    p_panel text, p_panel_participant_id text, p_panel_study_id text, p_panel_session_id text, p_token text,
    p_now timestamptz, p_active_since timestamptz)
returns table (outcome text, participant_id text, cell_idx int, order_idx int)
language plpgsql as $$
declare
    v_cell int;
    v_order int;
    v_existing text;
begin
    perform set_config('synchronous_commit', 'off', true);
    if p_token is not null then
        perform pg_advisory_xact_lock(hashtext('enrolment:' || p_token));
        select r.participant_id into v_existing from enrolment_request r where r.token = p_token;
        if found then
            return query select 'repeated'::text, v_existing, -1, -1;
            return;
        end if;
    end if;

    perform pg_advisory_xact_lock(hashtext('assignment:' || p_study_id), p_version);
    if not exists (select 1 from assignment_counter a where a.study_id = p_study_id and a.study_version = p_version) then
        return query select 'no_counters'::text, null::text, -1, -1;
        return;
    end if;

    if p_panel is not null then
        select x.participant_id into v_existing from panel_id x
        where x.study_id = p_study_id and x.panel = p_panel and x.panel_participant_id = p_panel_participant_id;
        if found then
            return query select 'resumed'::text, v_existing, -1, -1;
            return;
        end if;
    end if;

    if p_active_since is null then
        -- enrolled: the counters.
        if p_forced is not null then
            v_cell := p_forced;
        else
            select (w.i - 1)::int into v_cell
            from unnest(p_weights) with ordinality as w(weight, i)
            left join assignment_counter a
                   on a.study_id = p_study_id and a.study_version = p_version
                  and a.kind = 'cell' and a.idx = w.i - 1 and a.cell_idx = -1
            order by coalesce(a.n, 0)::float8 / (case when w.weight > 0 then w.weight else 1e-9 end), w.i
            limit 1;
        end if;

        select g.o into v_order
        from generate_series(0, p_order_count - 1) as g(o)
        left join assignment_counter overall
               on overall.study_id = p_study_id and overall.study_version = p_version
              and overall.kind = 'order' and overall.idx = g.o and overall.cell_idx = -1
        left join assignment_counter within_cell
               on within_cell.study_id = p_study_id and within_cell.study_version = p_version
              and within_cell.kind = 'order' and within_cell.idx = g.o and within_cell.cell_idx = v_cell
        order by coalesce(overall.n, 0), coalesce(within_cell.n, 0), g.o
        limit 1;
    else
        -- completed-plus-active: the same rule on balance_counts, read after the lock, so it sees every
        -- enrolment and completion committed before (a set-returning SQL function, inlined by the planner).
        if p_forced is not null then
            v_cell := p_forced;
        else
            select (w.i - 1)::int into v_cell
            from unnest(p_weights) with ordinality as w(weight, i)
            left join (select b.cell_idx, sum(b.n) as n from balance_counts(p_study_id, p_version, p_active_since) b
                       group by b.cell_idx) c on c.cell_idx = w.i - 1
            order by coalesce(c.n, 0)::float8 / (case when w.weight > 0 then w.weight else 1e-9 end), w.i
            limit 1;
        end if;

        select g.o into v_order
        from generate_series(0, p_order_count - 1) as g(o)
        left join (select b.order_idx, sum(b.n) as n, sum(b.n) filter (where b.cell_idx = v_cell) as in_cell
                   from balance_counts(p_study_id, p_version, p_active_since) b group by b.order_idx) c on c.order_idx = g.o
        order by coalesce(c.n, 0), coalesce(c.in_cell, 0), g.o
        limit 1;
    end if;

    update assignment_counter a set n = a.n + 1
    where a.study_id = p_study_id and a.study_version = p_version
      and ((a.kind = 'cell' and a.idx = v_cell and a.cell_idx = -1)
        or (a.kind = 'order' and a.idx = v_order and a.cell_idx in (-1, v_cell)));

    insert into participant (id, study_id, study_version, cell_idx, arm, order_idx, block_order, language, completion_code, last_seen_at)
    values (p_participant_id, p_study_id, p_version, v_cell, p_arms[v_cell + 1], v_order, p_block_orders[v_order + 1],
            p_language, p_completion_code, p_now);

    if p_panel is not null then
        insert into panel_id (participant_id, study_id, panel, panel_participant_id, panel_study_id, panel_session_id)
        values (p_participant_id, p_study_id, p_panel, p_panel_participant_id, p_panel_study_id, p_panel_session_id);
    end if;
    if p_token is not null then
        insert into enrolment_request (token, participant_id) values (p_token, p_participant_id);
    end if;

    return query select 'enrolled'::text, p_participant_id, v_cell, v_order;
end
$$;
