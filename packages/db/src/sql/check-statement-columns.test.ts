import { describe, expect, it } from 'vitest';
import { checkStatementColumns } from './check-statement-columns';

describe('checkStatementColumns', () => {
  it('accepts a statement naming existing columns, and counts what it checked', () => {
    const r = checkStatementColumns(`
      with v as (select * from jsonb_to_recordset($1::jsonb) as v(w uuid, "runId" uuid)),
      u as (
        update workflow_runs r set wake_at = null, state = coalesce(r.state, '{}'), updated_at = now()
          from v where r.workspace_id = v.w and r.id = v."runId"
        returning 1)
      insert into run_steps (workspace_id, run_id, seq) select v.w, v."runId", 1 from v`);
    expect(r.problems).toEqual([]);
    // wake_at, state, updated_at; r.state, r.workspace_id, v.w, r.id, v."runId"; 3 insert columns; v.w, v."runId"
    // (the CTE v is only the recordset: its fields are v's columns).
    expect(r.checked).toBe(13);
  });
  it('names an inserted column the table lacks', () => {
    expect(
      checkStatementColumns('insert into workflow_runs (id, wakes_at) select 1, 2').problems,
    ).toEqual(['insert into workflow_runs: no column "wakes_at"']);
  });
  it('names an assigned column the table lacks, past nested commas', () => {
    expect(
      checkStatementColumns(
        `update "conversations" c set priority = coalesce(c.priority, 'x'), closed = true where c.id = $1`,
      ).problems,
    ).toEqual(['update conversations set: no column "closed"']);
  });
  it('knows the columns of a CTE that is only a row source, not those of one that computes them', () => {
    const r = checkStatementColumns(`
      with locked as materialized (select c.* from "conversations" c where c.id = $1 for update of c),
      f as (select * from jsonb_to_recordset($2::jsonb) as f(w uuid, clock uuid) limit $3),
      kept as (select f.w, 1 as n from f)
      select l.team_id, locked.assignee_id, f.clock, f.nope, l.nope, kept.n, kept.anything from locked l join f on true join kept on true`);
    expect(r.problems).toEqual(['f.nope: no column "nope"', 'l.nope: no column "nope"']);
  });
  it('names a qualified column of a table alias or a recordset field that is not there', () => {
    const r = checkStatementColumns(`
      with a as (select k.id from "sla_clocks" k where k.warned = 1),
      b as (select v.x from jsonb_to_recordset($1::jsonb) as v(w uuid))
      select 1`);
    expect(r.problems).toEqual(['k.warned: no column "warned"', 'v.x: no column "x"']);
  });
  it('resolves an alias in the innermost subquery that binds it', () => {
    const r = checkStatementColumns(`
      select (select c.name from contacts c where c.id = x.contact_id) as name,
             (select count(*) from candidates c where c."workflowId" is not null) as n
        from conversations x`);
    expect(r.problems).toEqual([]);
    expect(r.checked).toBe(3);
    expect(
      checkStatementColumns('select (select c.contact_id from contacts c) from conversations c')
        .problems,
    ).toEqual(['c.contact_id: no column "contact_id"']);
  });
  it('scopes an alias to its CTE: the same letter may name another table in the next one', () => {
    const r = checkStatementColumns(`
      with a as (select c.assignee_id from conversations c),
      b as (select c.fields from contacts c)
      select 1`);
    expect(r.problems).toEqual([]);
    const wrong = checkStatementColumns(`
      with a as (select c.fields from conversations c),
      b as (select c.assignee_id from contacts c)
      select 1`);
    expect(wrong.problems).toEqual([
      'c.fields: no column "fields"',
      'c.assignee_id: no column "assignee_id"',
    ]);
  });
});
