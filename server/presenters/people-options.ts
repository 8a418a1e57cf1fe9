import type { Db } from '../../db/connection';
import { buildTree } from '../domain/tree';
import { listNodes } from '../queries/nodes';
import { listPeople } from '../queries/reference';
import { placeholder, toOptions, type Choice } from './options';

// Pickers of people (owners, managers, reviewers, coordinators, approvers) list first the people
// of the record's part of the organisation and the parts above it, then everyone else: at
// national scale the few likely names come first, and nobody is out of reach.

export type Person = Awaited<ReturnType<typeof listPeople>>[number];

export interface PeopleChoices {
  /** Everyone, by name: any of them may be chosen. */
  everyone: Person[];
  /** Who works at the record's node or above it, and what the picker calls them. */
  near: { label: string; ids: ReadonlySet<number> };
}

export async function loadPeopleChoices(db: Db, nodeId: number): Promise<PeopleChoices> {
  const [people, nodes] = await Promise.all([listPeople(db), listNodes(db)]);
  const path = buildTree(nodes).path(nodeId);
  const pathIds = new Set(path.map((n) => n.id));
  const ids = new Set(people.filter((p) => p.node_id !== null && pathIds.has(p.node_id)).map((p) => p.id));
  return { everyone: people, near: { label: `${path.at(-1)?.name ?? 'This part of the organisation'} and above`, ids } };
}

/** "Alex Owner, Head of Division". */
export const nameAndJob = (p: Person) => (p.job_title ? `${p.name}, ${p.job_title}` : p.name);

/**
 * A people picker: the empty option (if any), the people of the node and above in a group named
 * for it, then everyone else in a group of their own.
 */
export function peopleOptions(choices: PeopleChoices, selected: unknown, empty: string | null, text: (p: Person) => string = (p) => p.name): Choice[] {
  const near = choices.everyone.filter((p) => choices.near.ids.has(p.id));
  const others = choices.everyone.filter((p) => !choices.near.ids.has(p.id));
  const options: Choice[] = empty === null ? [] : [placeholder(empty, selected)];
  if (near.length === 0) return [...options, ...toOptions(others, (p) => p.id, text, selected)];
  options.push({ group: choices.near.label, options: toOptions(near, (p) => p.id, text, selected) });
  if (others.length > 0) options.push({ group: 'Everyone else', options: toOptions(others, (p) => p.id, text, selected) });
  return options;
}
