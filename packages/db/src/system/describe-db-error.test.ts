import { DrizzleQueryError } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describeDbError } from './describe-db-error';

const hash = '$2b$10$abcdefghijklmnopqrstuv0123456789ABCDEFGHIJKLMNOPQRSTU';

function uniqueViolation() {
  const e = new pg.DatabaseError('duplicate key value violates unique constraint "users_email_unique"', 0, 'error');
  Object.assign(e, { severity: 'ERROR', code: '23505', constraint: 'users_email_unique', table: 'users', detail: 'Key (email)=(dana@example.com) already exists.' });
  return e;
}

describe('describeDbError', () => {
  it('a failed drizzle query: code, constraint, table and statement, none of the parameters', () => {
    const error = new DrizzleQueryError('insert into "users" ("id", "email", "password_hash") values ($1, $2, $3)', ['u-1', 'dana@example.com', hash], uniqueViolation());
    // What logging it whole would have written:
    expect(String(error.stack)).toContain('dana@example.com');
    const line = describeDbError(error);
    expect(line).toContain('SQLSTATE 23505');
    expect(line).toContain('constraint=users_email_unique');
    expect(line).toContain('table=users');
    expect(line).toContain('insert into "users"');
    expect(line).toContain('3 params, not logged');
    expect(line).not.toContain('dana@example.com');
    expect(line).not.toContain(hash);
    expect(line).toMatch(/\n\s+at /); // where it happened is kept
  });

  it('a Postgres error on its own keeps neither its message nor its detail (both can quote input)', () => {
    const e = new pg.DatabaseError('invalid input syntax for type uuid: "secret-customer-text"', 0, 'error');
    Object.assign(e, { severity: 'ERROR', code: '22P02', routine: 'string_to_uuid' });
    const line = describeDbError(e);
    expect(line).toContain('SQLSTATE 22P02');
    expect(line).not.toContain('secret-customer-text');
  });

  it('a wrapper around a failed query is described by the query', () => {
    const wrapped = new Error('batch failed', { cause: new DrizzleQueryError('update "messages" set "text" = $1', ['my card number is 4242'], uniqueViolation()) });
    const line = describeDbError(wrapped);
    expect(line).toContain('update "messages" set');
    expect(line).not.toContain('4242');
  });

  it('any other error is described as usual', () => {
    expect(describeDbError(new TypeError('x is not a function'))).toMatch(/^TypeError: x is not a function/);
    expect(describeDbError('plain')).toBe('plain');
  });
});
