import { createQueryId, type Compilable, type CompiledQuery } from 'kysely';
import type { Db, Tx } from './connection';

// Queries run on every request (the session's, a risk's page) built and compiled by Kysely once,
// then run with each request's values. Building a query clones an immutable tree at every step
// and compiling it walks that tree again: a fifth of a risk page's time, for SQL text that is
// the same on every call. Values are passed as named placeholders while it is built; only
// single values may be (a list for IN would need as many parameters as it has items).

const PLACEHOLDER = '\u0000bulwark-value:';

type Slot<Values> = { name: keyof Values } | { constant: unknown };

export type PreparedQuery<Values, Row> = (db: Db | Tx, values: Values) => Promise<Row[]>;

/**
 * `preparedQuery<Values>()(build)`: `build` gets the database and `value(name)`, which stands for
 * that value in the query; the query it returns is compiled at the first call and run as compiled
 * ever after. (Two steps, so the values are named and the rows are still inferred from the query.)
 */
export function preparedQuery<Values extends Record<string, string | number | null>>() {
  return <Row>(build: (db: Db, value: <Name extends keyof Values & string>(name: Name) => Values[Name]) => Compilable<Row>): PreparedQuery<Values, Row> => {
    let compiled: { query: CompiledQuery<Row>; slots: Slot<Values>[] } | undefined;
    const compile = (db: Db) => {
      const query = build(db, (name) => `${PLACEHOLDER}${name}` as never).compile();
      if (query.sql.includes(PLACEHOLDER)) throw new Error('A prepared query wrote one of its values into the SQL text');
      const slots = query.parameters.map((p): Slot<Values> =>
        (typeof p === 'string' && p.startsWith(PLACEHOLDER) ? { name: p.slice(PLACEHOLDER.length) } : { constant: p }));
      return { query, slots };
    };
    return async (db, values) => {
      compiled ??= compile(db);
      const parameters = compiled.slots.map((slot) => ('name' in slot ? values[slot.name] : slot.constant));
      const { rows } = await db.executeQuery<Row>({ ...compiled.query, parameters, queryId: createQueryId() });
      return rows;
    };
  };
}
