/** The organisation tree, built in memory: it is small, and every page needs some of it. */

export interface TreeNodeRecord {
  id: number;
  parent_id: number | null;
  name: string;
}

export interface Tree<T extends TreeNodeRecord> {
  byId: Map<number, T>;
  children(id: number | null): T[];
  /** The node and everything below it. */
  subtreeIds(id: number): number[];
  /** From the root down to the node, the node included. */
  path(id: number): T[];
}

export function buildTree<T extends TreeNodeRecord>(nodes: T[]): Tree<T> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const childrenOf = new Map<number | null, T[]>();
  for (const node of nodes) {
    const siblings = childrenOf.get(node.parent_id) ?? [];
    siblings.push(node);
    childrenOf.set(node.parent_id, siblings);
  }
  const children = (id: number | null) => childrenOf.get(id) ?? [];
  return {
    byId,
    children,
    subtreeIds(id) {
      const ids: number[] = [];
      const stack = [id];
      while (stack.length > 0) {
        const next = stack.pop() as number;
        ids.push(next);
        for (const child of children(next)) stack.push(child.id);
      }
      return ids;
    },
    path(id) {
      const path: T[] = [];
      const seen = new Set<number>();
      for (let node = byId.get(id); node && !seen.has(node.id); node = node.parent_id === null ? undefined : byId.get(node.parent_id)) {
        seen.add(node.id);
        path.unshift(node);
      }
      return path;
    },
  };
}

/** Nodes in tree order (each followed by everything below it), with their depth. */
export function inTreeOrder<T extends TreeNodeRecord>(tree: Tree<T>): { node: T; depth: number }[] {
  const out: { node: T; depth: number }[] = [];
  const walk = (node: T, depth: number) => {
    out.push({ node, depth });
    for (const child of tree.children(node.id)) walk(child, depth + 1);
  };
  for (const root of tree.children(null)) walk(root, 0);
  return out;
}
