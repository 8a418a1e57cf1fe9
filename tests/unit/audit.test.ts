import { auditDiff, describeAuditEvent, formatAuditInstant, referencedIds, type AuditNames } from '../../server/domain/audit';
import { AUDIT_WORDS, auditWordsOf } from '../../server/presenters/audit-words';

const names: AuditNames = {
  people: new Map([[1, 'Alex Owner'], [2, 'Sam Manager']]),
  categories: new Map([[5, 'Operational'], [6, 'People']]),
  objectives: new Map(),
};

const riskUpdate = (before: Record<string, unknown>, after: Record<string, unknown>) =>
  describeAuditEvent({ action: 'update', before, after }, AUDIT_WORDS.risk, names);

describe('what an audit event stores', () => {
  it('keeps only the fields an update changed, without version and timestamps', () => {
    const before = { id: 7, title: 'A', current_likelihood: 3, cause: 'same', version: 1, updated_at: '2026-11-01T10:00:00Z' };
    const after = { id: 7, title: 'A', current_likelihood: 4, cause: 'same', version: 2, updated_at: '2026-11-23T12:00:00Z' };
    expect(auditDiff('update', before, after)).toEqual({ before: { current_likelihood: 3 }, after: { current_likelihood: 4 } });
  });

  it('records nothing for an update that changed nothing', () => {
    expect(auditDiff('update', { title: 'A', version: 1 }, { title: 'A', version: 2 })).toBeNull();
  });

  it('keeps a new record whole and a deleted one whole', () => {
    expect(auditDiff('create', null, { id: 3, title: 'A', owner_id: null, created_at: 'x' })).toEqual({ before: null, after: { title: 'A', owner_id: null } });
    expect(auditDiff('delete', { id: 3, title: 'A' }, null)).toEqual({ before: { title: 'A' }, after: null });
  });

  it('notices a field becoming blank', () => {
    expect(auditDiff('update', { owner_id: 2 }, { owner_id: null })).toEqual({ before: { owner_id: 2 }, after: { owner_id: null } });
  });
});

describe('an audit event in words', () => {
  it('puts scores as numbers, people and categories by name, and codes by their label', () => {
    const words = riskUpdate(
      { current_likelihood: 3, owner_id: 1, category_id: 5, influence: 'partly', status: 'open' },
      { current_likelihood: 4, owner_id: 2, category_id: 6, influence: 'outside', status: 'closed' },
    );
    expect(words.headline).toBe('Risk changed');
    expect(words.changes).toEqual([
      'Category Operational → People',
      'Risk owner Alex Owner → Sam Manager',
      'Degree of influence Partly within our control → Outside our control',
      'Current likelihood 3 → 4',
      'Status Open → Closed',
    ]);
  });

  it('summarises long text instead of quoting it, and says when it was added or removed', () => {
    const words = riskUpdate(
      { cause: 'Because the system is old', existing_controls: '', closure_reason: 'Sold' },
      { cause: 'Because the supplier has gone', existing_controls: 'Backups', closure_reason: null },
    );
    expect(words.changes).toEqual(['Cause changed', 'Existing controls added', 'Reason for closing removed']);
  });

  it('formats dates, quotes short text and says none for a blank', () => {
    const words = riskUpdate({ title: 'Old', identified_on: '2026-01-15', manager_id: null, closed_on: null }, { title: 'New', identified_on: '2026-02-01', manager_id: 2, closed_on: '2026-11-20' });
    expect(words.changes).toEqual([
      'Title “Old” → “New”',
      'Risk manager none → Sam Manager',
      'Date identified 15 January 2026 → 1 February 2026',
      'Date closed none → 20 November 2026',
    ]);
  });

  it('treats very long short text as long', () => {
    expect(riskUpdate({ title: 'a'.repeat(150) }, { title: 'b'.repeat(150) }).changes).toEqual(['Title changed']);
  });

  it('shows a name it cannot find as unknown rather than failing', () => {
    expect(riskUpdate({ owner_id: 1 }, { owner_id: 99 }).changes).toEqual(['Risk owner Alex Owner → unknown (99)']);
  });

  it('describes a new action by its owner, due date and status, and a review by what it found', () => {
    const action = describeAuditEvent({ action: 'create', before: null, after: { description: 'Buy a generator', owner_id: 1, due_on: '2027-01-31', status: 'not_started', completed_on: null } }, AUDIT_WORDS.action, names);
    expect(action).toEqual({ headline: 'Action added', changes: ['Owner: Alex Owner', 'Due date: 31 January 2027', 'Status: Not started'] });
    const review = describeAuditEvent({
      action: 'create',
      before: null,
      after: { reviewed_on: '2026-11-23', reviewer_id: 2, current_likelihood: 4, current_impact: 4, commentary: `Staff shortages ${'continue '.repeat(20)}`, still_valid: 1 },
    }, AUDIT_WORDS.review, names);
    expect(review.headline).toBe('Review recorded');
    expect(review.changes.slice(0, 4)).toEqual(['Date of review: 23 November 2026', 'Reviewer: Sam Manager', 'Current likelihood: 4', 'Current impact: 4']);
    expect(review.changes[4]).toMatch(/^Issues identified: Staff shortages continue .*…$/);
    expect(review.changes[4]?.length).toBeLessThan(150);
    expect(review.changes[5]).toBe('Still valid: Yes');
  });

  it('reads records nobody has described yet from their field names', () => {
    const words = describeAuditEvent({ action: 'update', before: { review_cadence_months: 3 }, after: { review_cadence_months: 6 } }, undefined, names);
    expect(words).toEqual({ headline: 'Record changed', changes: ['Review cadence months 3 → 6'] });
    expect(describeAuditEvent({ action: 'delete', before: { name: 'x' }, after: null }, { noun: 'User', fields: {} }, names)).toEqual({ headline: 'User removed', changes: [] });
  });

  it('finds the ids a page of history must name', () => {
    const ids = referencedIds([
      { entityType: 'risk', action: 'update', before: { owner_id: 1, category_id: 5 }, after: { owner_id: 2, category_id: 6 } },
      { entityType: 'action', action: 'create', before: null, after: { owner_id: 3, risk_id: 9 } },
    ], auditWordsOf);
    expect(ids).toEqual({ people: [1, 2, 3], categories: [5, 6], objectives: [] });
  });

  it('dates an event to the minute', () => {
    expect(formatAuditInstant(new Date(2026, 10, 23, 14, 2).toISOString())).toBe('23 November 2026 14:02');
  });
});
