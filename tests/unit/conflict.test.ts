import { decodeBase, encodeBase, mergeStaleEdit } from '../../server/forms/conflict';

const labels = { title: 'Title', cause: 'Cause', owner_id: 'Owner' };

describe('merging a stale edit', () => {
  const base = { title: 'Old title', cause: 'Old cause', owner_id: '1' };

  it("keeps the other person's change where this user left the field alone", () => {
    const saved = { ...base, title: 'Title by Alex' };
    const entered = { ...base, cause: 'Cause by Sam' };
    const { values, changes } = mergeStaleEdit(labels, base, saved, entered);
    expect(values).toMatchObject({ title: 'Title by Alex', cause: 'Cause by Sam' });
    expect(changes).toEqual([{ label: 'Title', saved: 'Title by Alex', entered: 'Old title', clash: false }]);
  });

  it('flags a field both changed differently and keeps this user entry in the form', () => {
    const saved = { ...base, title: 'Title by Alex' };
    const entered = { ...base, title: 'Title by Sam' };
    const { values, changes } = mergeStaleEdit(labels, base, saved, entered);
    expect(values.title).toBe('Title by Sam');
    expect(changes).toEqual([{ label: 'Title', saved: 'Title by Alex', entered: 'Title by Sam', clash: true }]);
  });

  it('lists nothing when both made the same change', () => {
    const saved = { ...base, title: 'Same' };
    expect(mergeStaleEdit(labels, base, saved, { ...base, title: 'Same' }).changes).toEqual([]);
  });

  it('without a base, lists every difference and keeps what the user entered', () => {
    const { values, changes } = mergeStaleEdit(labels, null, { ...base, title: 'A' }, { ...base, title: 'B' });
    expect(values.title).toBe('B');
    expect(changes.map((c) => c.label)).toEqual(['Title']);
  });
});

describe('the base field', () => {
  it('round-trips and refuses anything but an object of strings', () => {
    expect(decodeBase({ base: encodeBase({ a: '1' }) })).toEqual({ a: '1' });
    for (const base of ['{"a":1}', '[1]', 'not json', '"x"']) expect(decodeBase({ base })).toBeNull();
    expect(decodeBase({})).toBeNull();
    expect(decodeBase({ base: ['{}', '{}'] })).toBeNull();
  });
});
