-- Enrolment in one statement. Balanced assignment serialises the enrolments of a study version, so the time
-- that serialisation is held is the throughput limit of a panel launch. Done from the web process, it was held
-- across several round trips to a web server busy with hundreds of other requests, where each round trip waits
-- its turn in the thread pool: about 60 ms per enrolment at 200 concurrent participants, and consents queued for
-- seconds. Here the whole enrolment is one call, made outside any transaction of the caller, so the lock is
-- taken and released (at the implicit commit) without the web server in between.
--
-- The rules are the ones Assigner documents: the cell with the least count/weight (ties: lowest index), unless a
-- (validated) forced cell is given; the block order with the least count over all cells, then within the cell,
-- then the lowest index. The lock is a transaction-scoped advisory lock per (study, version) that every writer
-- of assignment_counter takes first (Assigner.LockCountersAsync too): one queue instead of a row lock on every
-- counter. In READ COMMITTED each statement below takes a new snapshot, so after the lock it sees the counts
-- the previous enrolment committed.
--
-- The commit does not wait for the WAL flush (synchronous_commit off for this transaction only): the lock is
-- held until the commit, and waiting for the flush inside it made enrolments of a launch queue for seconds. The
-- enrolment becomes durable with the participant's first submitted page, whose commit does wait and flushes
-- all WAL before it. A database crash in between loses the participant row and its counts together (balance
-- stays exact); that participant has seen only the consent and introduction pages and simply consents again.
--
-- p_token is the consent form's one-time token (enrolment_request): a second POST of the same form waits for
-- the first and gets its participant.
--
-- outcome: 'enrolled'; 'repeated' (same token; participant_id is the first one's); 'resumed' (the panel id is
-- already enrolled; participant_id is that participant); 'no_counters' when the version has no counter rows yet
-- (nothing written; the caller creates them and calls again).
create function enrol_participant(
    p_study_id text, p_version int, p_weights float8[], p_order_count int, p_forced int,
    p_participant_id text, p_arms text[], p_block_orders text[], p_language text, p_completion_code text,
    p_panel text, p_panel_participant_id text, p_panel_study_id text, p_panel_session_id text, p_token text)
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

    update assignment_counter a set n = a.n + 1
    where a.study_id = p_study_id and a.study_version = p_version
      and ((a.kind = 'cell' and a.idx = v_cell and a.cell_idx = -1)
        or (a.kind = 'order' and a.idx = v_order and a.cell_idx in (-1, v_cell)));

    insert into participant (id, study_id, study_version, cell_idx, arm, order_idx, block_order, language, completion_code)
    values (p_participant_id, p_study_id, p_version, v_cell, p_arms[v_cell + 1], v_order, p_block_orders[v_order + 1],
            p_language, p_completion_code);

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
