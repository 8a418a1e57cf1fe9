import { RISK_COLUMNS } from '../../server/spreadsheets/columns';
import { checkHeader, planImport, type ExistingRisk, type ImportContext } from '../../server/spreadsheets/import-plan';
import type { Sheet } from '../../server/spreadsheets/read-rows';

// The dry run's rules on a sheet made here, with no database: what is a change, what is an
// error, and what is left alone.

const existing: ExistingRisk = {
  id: 7, reference: 'SCD-R01', register_id: 3, register_code: 'SCD', node_id: 2, version: 4,
  title: 'Loss of specialist prosecutors', cause: 'Recruitment is slow', event: 'Trials adjourned', effect: 'Victims lose confidence',
  category_id: 1, objective_id: null, owner_id: 11, manager_id: null, identified_on: '2026-04-01', status: 'open', closed_on: null, closure_reason: null,
  treatment: 'treat', influence: 'partly', inherent_likelihood: 4, inherent_impact: 4, current_likelihood: 3, current_impact: 4, target_likelihood: 2, target_impact: 3,
  existing_controls: 'Weekly case progression meeting',
};

const context: ImportContext = {
  today: '2026-11-23',
  scopeNodeIds: new Set([2, 5]),
  categories: [{ id: 1, name: 'People' }, { id: 2, name: 'Casework' }],
  objectives: [{ id: 1, title: 'Deliver high quality casework' }],
  people: [{ id: 11, name: 'Gareth Pryce', email: 'gareth.pryce@example.gov.uk' }, { id: 12, name: 'Hannah Sowerby', email: 'hannah.sowerby@example.gov.uk' }],
  registers: [{ id: 3, code: 'SCD', name: 'Special Crime divisional register', node_id: 2 }],
  existing: new Map([['SCD-R01', existing]]),
};

/** The risk as exported, with some cells changed. */
function row(changes: Record<string, string> = {}): string[] {
  const cells: Record<string, string> = {
    Reference: 'SCD-R01', Register: 'SCD', Title: existing.title, Cause: existing.cause, Event: existing.event, Effect: existing.effect,
    Category: 'People', 'Strategic objective': '', Owner: 'gareth.pryce@example.gov.uk', 'Owner name': 'Gareth Pryce', Manager: '', 'Manager name': '',
    'Identified on': '2026-04-01', Status: 'Open', 'Closed on': '', 'Closure reason': '', Treatment: 'Treat', 'Degree of influence': 'Partly within our control',
    'Inherent likelihood': '4', 'Inherent impact': '4', 'Current likelihood': '3', 'Current impact': '4', 'Target likelihood': '2', 'Target impact': '3',
    'Current score': '12', 'Current level': 'High', 'Target score': '6', 'Target level': 'Medium', 'Existing controls': existing.existing_controls,
    'Last reviewed': '', 'Next review due': '', Version: '4', ...changes,
  };
  return RISK_COLUMNS.map((c) => cells[c.name] ?? '');
}

function plan(...rows: string[][]) {
  const header = RISK_COLUMNS.map((c) => c.name);
  const check = checkHeader(header);
  if (!check.ok) throw new Error(check.problem.message);
  const sheet: Sheet = { format: 'csv', header, rows: rows.map((cells, index) => ({ line: index + 2, cells })) };
  return planImport(sheet, check.columnIndex, context);
}

describe('an import plan', () => {
  it('leaves the risk alone when nothing but computed columns changed, whatever its Version', () => {
    const outcome = plan(row({ 'Current score': '25', 'Owner name': 'Someone Else', 'Next review due': '2030-01-01', Version: '1' }));
    expect(outcome.rows.map((r) => r.kind)).toEqual(['same']);
    expect(outcome.touched).toEqual([{ reference: 'SCD-R01', id: 7, version: 4 }]);
  });

  it('lists a change field by field in the sheet\'s words', () => {
    const outcome = plan(row({ Owner: 'HANNAH.SOWERBY@example.gov.uk', 'Degree of influence': 'outside', 'Current impact': '5.0' }));
    expect(outcome.rows[0]).toMatchObject({
      kind: 'change',
      changes: [
        { column: 'Owner', from: 'gareth.pryce@example.gov.uk', to: 'hannah.sowerby@example.gov.uk' },
        { column: 'Degree of influence', from: 'Partly within our control', to: 'Outside our control' },
        { column: 'Current impact', from: '4', to: '5' },
      ],
    });
  });

  it('closes a risk with a date and a reason, as the form does, and asks for them when missing', () => {
    const closed = plan(row({ Status: 'closed', 'Closed on': '20/11/2026', 'Closure reason': 'Case concluded' }));
    expect(closed.rows[0]).toMatchObject({ kind: 'change', values: { status: 'closed', closed_on: '2026-11-20', closure_reason: 'Case concluded' } });
    const missing = plan(row({ Status: 'Closed' }));
    expect(missing.errors.map((e) => [e.column, e.code])).toEqual([['Closed on', 'required'], ['Closure reason', 'required']]);
  });

  it('ignores a closing date on an open risk, as the form does', () => {
    expect(plan(row({ 'Closed on': '2026-11-20', 'Closure reason': 'Not closed really' })).rows[0]?.kind).toBe('same');
  });

  it('refuses a future date and a closing before identification', () => {
    expect(plan(row({ 'Identified on': '2027-01-01' })).errors.map((e) => [e.column, e.code])).toEqual([['Identified on', 'date-order']]);
    expect(plan(row({ Status: 'Closed', 'Closed on': '2026-01-01', 'Closure reason': 'x' })).errors.map((e) => [e.column, e.code])).toEqual([['Closed on', 'date-order']]);
  });

  it('names the email of a person typed by name', () => {
    expect(plan(row({ Manager: 'hannah sowerby' })).errors[0]?.message).toContain('(hannah sowerby is hannah.sowerby@example.gov.uk)');
  });

  it('refuses an edit over an older Version, and accepts one with no Version', () => {
    expect(plan(row({ Title: 'New title', Version: '3' })).errors.map((e) => e.code)).toEqual(['changed-since-export']);
    expect(plan(row({ Title: 'New title', Version: '' })).rows[0]?.kind).toBe('change');
  });

  it('adds a new risk open in the register named, and refuses one marked closed', () => {
    const added = plan(row({ Reference: '', Register: 'scd', Version: '' }));
    expect(added.rows[0]).toMatchObject({ kind: 'create', registerId: 3, values: { status: 'open', owner_id: 11 } });
    expect(plan(row({ Reference: '', Status: 'Closed', 'Closed on': '2026-11-01', 'Closure reason': 'x' })).errors.map((e) => e.code)).toEqual(['new-risk-closed']);
  });

  it('refuses the same risk on two rows', () => {
    expect(plan(row(), row({ Reference: 'scd-r01' })).errors.map((e) => [e.line, e.code])).toEqual([[3, 'repeated-reference']]);
  });
});
