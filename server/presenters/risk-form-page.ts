import type { Db } from '../../db/connection';
import type { Matrix } from '../domain/matrix';
import { INFLUENCE_LABELS, INFLUENCES, REGISTER_KIND_LABELS, TREATMENTS } from '../domain/vocabulary';
import { formErrors, type FormErrors } from '../forms/parse';
import { listRegistersOfNode } from '../queries/nodes';
import { listCategories, listObjectives, listPeople, listPeopleNear, loadMatrix } from '../queries/reference';
import { placeholder, toOptions } from './options';

export interface RiskFormChoices {
  registers: { id: number; name: string; code: string; kind: keyof typeof REGISTER_KIND_LABELS }[];
  categories: { id: number; name: string }[];
  objectives: { id: number; title: string }[];
  /** Everyone: what a posted owner or manager is checked against. */
  people: { id: number; name: string; job_title: string }[];
  /** Whom the pickers offer: the people of the node's division and of the organisation's own level. */
  nearby: { id: number; name: string; job_title: string }[];
  matrix: Matrix;
}

export async function loadRiskFormChoices(db: Db, nodeId: number): Promise<RiskFormChoices> {
  const [registers, categories, objectives, people, nearby, matrix] = await Promise.all([
    listRegistersOfNode(db, nodeId),
    listCategories(db),
    listObjectives(db),
    listPeople(db),
    listPeopleNear(db, nodeId),
    loadMatrix(db),
  ]);
  return { registers, categories, objectives, people, nearby, matrix };
}

/** Ids the schema accepted as numbers must also name records that exist. */
export function checkRiskChoices(
  form: { register_id?: number; category_id: number; objective_id: number | null; owner_id: number | null; manager_id: number | null },
  choices: RiskFormChoices,
): FormErrors {
  const has = (list: { id: number }[], id: number | null) => id === null || list.some((item) => item.id === id);
  const problems: [string, string][] = [];
  if (form.register_id !== undefined && !has(choices.registers, form.register_id)) problems.push(['register_id', 'Select a register of this part of the organisation']);
  if (!has(choices.categories, form.category_id)) problems.push(['category_id', 'Select a category from the list']);
  if (!has(choices.objectives, form.objective_id)) problems.push(['objective_id', 'Select a strategic objective from the list']);
  if (!has(choices.people, form.owner_id)) problems.push(['owner_id', 'Select the risk owner from the list']);
  if (!has(choices.people, form.manager_id)) problems.push(['manager_id', 'Select the risk manager from the list']);
  return formErrors(problems);
}

/** The people a picker offers, with the one already chosen kept even when they work elsewhere. */
function offered(choices: RiskFormChoices, selected: string | undefined) {
  const chosen = choices.people.find((p) => String(p.id) === selected);
  return chosen && !choices.nearby.includes(chosen) ? [...choices.nearby, chosen].sort((a, b) => a.name.localeCompare(b.name)) : choices.nearby;
}

export function riskFormOptions(choices: RiskFormChoices, values: Record<string, string>) {
  const person = (p: { name: string; job_title: string }) => (p.job_title ? `${p.name}, ${p.job_title}` : p.name);
  const axis = (name: 'likelihood' | 'impact', field: string) => [
    placeholder('Select', values[field]),
    ...toOptions(choices.matrix[name], (a) => a.value, (a) => `${a.value} ${a.label}`, values[field]),
  ];
  const score = (prefix: string) => ({
    likelihoodName: `${prefix}_likelihood`,
    impactName: `${prefix}_impact`,
    likelihoodOptions: axis('likelihood', `${prefix}_likelihood`),
    impactOptions: axis('impact', `${prefix}_impact`),
  });
  return {
    registers: [
      placeholder('Select a register', values.register_id),
      ...toOptions(choices.registers, (g) => g.id, (g) => `${g.name} (${REGISTER_KIND_LABELS[g.kind]})`, values.register_id),
    ],
    categories: [placeholder('Select a category', values.category_id), ...toOptions(choices.categories, (c) => c.id, (c) => c.name, values.category_id)],
    objectives: [placeholder('None', values.objective_id), ...toOptions(choices.objectives, (o) => o.id, (o) => o.title, values.objective_id)],
    owners: [placeholder('Not assigned', values.owner_id), ...toOptions(offered(choices, values.owner_id), (p) => p.id, person, values.owner_id)],
    managers: [placeholder('Not assigned', values.manager_id), ...toOptions(offered(choices, values.manager_id), (p) => p.id, person, values.manager_id)],
    treatments: toOptions(TREATMENTS, (t) => t, (t) => t[0]?.toUpperCase() + t.slice(1), values.treatment),
    influences: toOptions(INFLUENCES, (i) => i, (i) => INFLUENCE_LABELS[i], values.influence),
    statuses: toOptions(['open', 'closed'] as const, (s) => s, (s) => (s === 'open' ? 'Open' : 'Closed'), values.status),
    inherent: score('inherent'),
    current: score('current'),
    target: score('target'),
  };
}
