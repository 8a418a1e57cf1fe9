// Roles and what each allows. A role is granted at a node and covers that node and everything
// below it; a grant with no node covers the whole organisation.

export const ROLES = ['business_manager', 'bcp_coordinator', 'hq_reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  business_manager: 'Business manager',
  bcp_coordinator: 'BCP coordinator',
  hq_reviewer: 'HQ reviewer',
  admin: 'Admin',
};

/**
 * - read: see pages, exports and downloads of a part of the organisation;
 * - manage_risks: risks, actions, reviews and the quarterly return;
 * - manage_registers: create, rename and close registers (business managers and admins);
 * - manage_plans: business continuity plans and exercises;
 * - review: HQ challenge of quarterly returns;
 * - administer: the tree, sites, users, lists, matrix and cadences.
 */
export const PERMISSIONS = ['read', 'manage_risks', 'manage_registers', 'manage_plans', 'review', 'administer'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  business_manager: ['read', 'manage_risks', 'manage_registers'],
  bcp_coordinator: ['read', 'manage_plans'],
  hq_reviewer: ['read', 'review'],
  admin: ['read', 'administer', 'manage_registers'],
};

export interface Grant {
  role: Role;
  node_id: number | null;
}

/**
 * What a request is about: one node (with the ids from the root down to it), or the
 * organisation as a whole (settings, users, lists), which only whole-organisation grants or
 * grants at a root node cover.
 */
export type Scope = { kind: 'node'; path: number[] } | { kind: 'organisation'; rootIds: number[] };

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

function grantCovers(grant: Grant, scope: Scope): boolean {
  if (grant.node_id === null) return true;
  return scope.kind === 'node' ? scope.path.includes(grant.node_id) : scope.rootIds.includes(grant.node_id);
}

export function permits(grants: readonly Grant[], permission: Permission, scope: Scope): boolean {
  return grants.some((grant) => roleAllows(grant.role, permission) && grantCovers(grant, scope));
}

/** The nodes whose subtrees a person can read: null when they can read the whole organisation. */
export function readableRoots(grants: readonly Grant[]): number[] | null {
  if (grants.some((g) => g.node_id === null)) return null;
  return [...new Set(grants.map((g) => g.node_id as number))];
}

/**
 * The nodes a person may read, so lists of linked records can be filtered in SQL: every node of
 * each readable subtree, or null when they read the whole organisation.
 */
export type ReadableNodeIds = readonly number[] | null;

export function readableNodeIds(grants: readonly Grant[], subtreeIds: (id: number) => number[]): ReadableNodeIds {
  const roots = readableRoots(grants);
  return roots === null ? null : [...new Set(roots.flatMap(subtreeIds))];
}

/** Whether a node is among those readable. */
export function isReadable(readable: ReadableNodeIds, nodeId: number): boolean {
  return readable === null || readable.includes(nodeId);
}
