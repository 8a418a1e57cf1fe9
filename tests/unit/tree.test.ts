import { buildTree } from '../../server/domain/tree';

const nodes = [
  { id: 1, parent_id: null, name: 'HQ' },
  { id: 2, parent_id: 1, name: 'Division' },
  { id: 3, parent_id: 2, name: 'Unit A' },
  { id: 4, parent_id: 2, name: 'Unit B' },
  { id: 5, parent_id: 4, name: 'Team' },
  { id: 6, parent_id: 1, name: 'Other division' },
];

describe('the organisation tree', () => {
  const tree = buildTree(nodes);

  it('gives a node and everything below it', () => {
    expect(tree.subtreeIds(2).sort()).toEqual([2, 3, 4, 5]);
    expect(tree.subtreeIds(5)).toEqual([5]);
  });

  it('gives the path from the root for breadcrumbs', () => {
    expect(tree.path(5).map((n) => n.name)).toEqual(['HQ', 'Division', 'Unit B', 'Team']);
  });

  it('does not loop on a corrupt cycle', () => {
    const cyclic = buildTree([{ id: 1, parent_id: 2, name: 'a' }, { id: 2, parent_id: 1, name: 'b' }]);
    expect(cyclic.path(1)).toHaveLength(2);
  });
});
