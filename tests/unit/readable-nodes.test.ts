import { isReadable, readableNodeIds } from '../../server/domain/roles';
import { buildTree } from '../../server/domain/tree';
import { unseenLinks } from '../../server/presenters/unseen-links';

const tree = buildTree([
  { id: 1, parent_id: null, name: 'HQ' },
  { id: 2, parent_id: 1, name: 'Division' },
  { id: 3, parent_id: 2, name: 'Unit' },
  { id: 4, parent_id: 1, name: 'Other division' },
]);
const subtree = (id: number) => tree.subtreeIds(id);

describe('the nodes a person may read', () => {
  it('are every node below each grant, once', () => {
    const ids = readableNodeIds([{ role: 'business_manager', node_id: 2 }, { role: 'bcp_coordinator', node_id: 3 }], subtree);
    expect([...(ids ?? [])].sort()).toEqual([2, 3]);
    expect(isReadable(ids, 3)).toBe(true);
    expect(isReadable(ids, 4)).toBe(false);
    expect(isReadable(ids, 1)).toBe(false);
  });

  it('are everything for a grant over the whole organisation', () => {
    const ids = readableNodeIds([{ role: 'hq_reviewer', node_id: null }, { role: 'admin', node_id: 3 }], subtree);
    expect(ids).toBeNull();
    expect(isReadable(ids, 4)).toBe(true);
  });

  it('are nothing without a grant', () => {
    expect(readableNodeIds([], subtree)).toEqual([]);
  });
});

describe('linked records the reader cannot see', () => {
  const plan = { one: 'plan', many: 'plans' };
  it('are counted after the ones shown, or on their own', () => {
    expect(unseenLinks(0, 3, plan)).toBeUndefined();
    expect(unseenLinks(1, 2, plan)).toBe('and 1 other you cannot see');
    expect(unseenLinks(2, 1, plan)).toBe('and 2 others you cannot see');
    expect(unseenLinks(1, 0, plan)).toBe('1 plan you cannot see');
    expect(unseenLinks(3, 0, plan)).toBe('3 plans you cannot see');
  });
});
