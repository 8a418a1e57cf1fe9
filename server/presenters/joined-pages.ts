import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { today } from '../clock';
import { notFound } from '../errors';
import { ESCALATION_TRIGGER_LABELS, type ProposedRiskFields } from '../domain/escalation';
import { levelOf, rate } from '../domain/matrix';
import { isReadable, type ReadableNodeIds } from '../domain/roles';
import { duplicateFingerprint } from '../domain/similarity';
import { INFLUENCE_LABELS, PROPOSAL_STATUS_COLOURS, PROPOSAL_STATUS_LABELS } from '../domain/vocabulary';
import type { FormState } from '../forms/form-page';
import { likelyDuplicates } from '../queries/duplicates';
import { escalationSuggestions } from '../queries/escalation-suggestions';
import { listCategories, loadMatrix, loadSettings } from '../queries/reference';
import { findProposal, linksAroundRisk } from '../queries/risk-links';
import { findRisk, type RiskDetailRow } from '../queries/risks';
import { loadPeopleChoices, peopleOptions } from './people-options';
import { placeholder, toOptions, type Choice } from './options';
import { pageTitle } from './page-title';
import { riskBreadcrumbs } from './risk-page';
import { listNodes, loadTree } from '../queries/nodes';

// Page models of registers joined up across levels (docs/joined-registers.md).

async function riskCrumbs(db: Db, risk: RiskDetailRow, last: string) {
  const crumbs = riskBreadcrumbs(await listNodes(db), risk.node_id, risk.reference);
  const riskCrumb = crumbs.pop();
  return [...crumbs, { text: riskCrumb?.text ?? risk.reference, href: `/risks/${risk.id}` }, { text: last }];
}

/** Open registers of the nodes above the risk's, nearest first, the parent's divisional register chosen unless the form says otherwise. */
export async function escalateFormPage(db: Db, risk: RiskDetailRow, form: FormState) {
  const tree = await loadTree(db);
  const ancestors = tree.path(risk.node_id).slice(0, -1).reverse();
  const registers = ancestors.length === 0 ? [] : await db.selectFrom('registers').select(['id', 'node_id', 'code', 'name', 'kind'])
    .where('node_id', 'in', ancestors.map((n) => n.id)).where('closed_on', 'is', null).orderBy('name').execute();
  const parent = ancestors[0];
  const byDefault = registers.find((g) => g.node_id === parent?.id && g.kind === 'divisional') ?? registers.find((g) => g.node_id === parent?.id);
  const chosen = form.values.register_id ?? (byDefault ? String(byDefault.id) : '');
  const options: Choice[] = [placeholder('Select a register', chosen), ...ancestors.flatMap((node) => {
    const own = registers.filter((g) => g.node_id === node.id);
    return own.length === 0 ? [] : [{ group: node.name, options: toOptions(own, (g) => g.id, (g) => `${g.name} (${g.code})`, chosen) }];
  })];
  return {
    title: pageTitle('Escalate', risk.reference),
    breadcrumbs: await riskCrumbs(db, risk, 'Escalate'),
    risk,
    ...form,
    values: { ...form.values, register_id: chosen },
    registers: options,
    noRegisters: registers.length === 0,
  };
}

/** A proposal as its deciders see it: the risk it would become, where from, and why. */
export async function proposalPage(db: Db, proposalId: number, readable: ReadableNodeIds, form: FormState & { saved?: string }) {
  const [proposal, matrix, categories, tree] = await Promise.all([findProposal(db, proposalId), loadMatrix(db), listCategories(db), loadTree(db)]);
  if (!proposal) throw notFound('That proposal');
  const fields = JSON.parse(proposal.fields) as ProposedRiskFields;
  const people = fields.owner_id === null ? undefined : await db.selectFrom('people').select('name').where('id', '=', fields.owner_id).executeTakeFirst();
  const accepted = proposal.accepted_risk_id === null ? undefined : await findRisk(db, proposal.accepted_risk_id);
  const fromReadable = isReadable(readable, proposal.from_node_id);
  return {
    title: pageTitle(proposal.kind === 'escalation' ? 'Proposed escalation' : 'Proposed de-escalation', `${proposal.from_reference} to ${proposal.register_code}`),
    breadcrumbs: [...tree.path(proposal.register_node_id).map((n) => ({ text: n.name, href: `/nodes/${n.id}` })), { text: 'Proposed risk' }],
    proposal: {
      ...proposal,
      kindLabel: proposal.kind === 'escalation' ? 'Escalated' : 'De-escalated',
      waiting: proposal.status === 'proposed',
      statusLabel: PROPOSAL_STATUS_LABELS[proposal.status],
      statusColour: PROPOSAL_STATUS_COLOURS[proposal.status],
    },
    fields: {
      ...fields,
      categoryName: categories.find((c) => c.id === fields.category_id)?.name ?? '',
      ownerName: people?.name ?? null,
      influenceLabel: INFLUENCE_LABELS[fields.influence],
      current: rate(matrix, fields.current_likelihood, fields.current_impact),
      target: rate(matrix, fields.target_likelihood, fields.target_impact),
    },
    fromHref: fromReadable ? `/risks/${proposal.from_risk_id}` : null,
    accepted: accepted ? { id: accepted.id, reference: accepted.reference } : null,
    ...form,
  };
}

export async function linkFormPage(db: Db, risk: RiskDetailRow, form: FormState) {
  const tree = await loadTree(db);
  return {
    title: pageTitle('Link to a higher risk', risk.reference),
    breadcrumbs: await riskCrumbs(db, risk, 'Link to a higher risk'),
    risk,
    above: tree.path(risk.node_id).slice(0, -1).map((n) => n.name).reverse(),
    ...form,
  };
}

export async function unlinkFormPage(db: Db, risk: RiskDetailRow, form: FormState) {
  const { up, down } = await linksAroundRisk(db, risk.id);
  const link = [...up, ...down].find((l) => String(l.id) === form.values.link);
  return {
    title: pageTitle('Remove a link', link ? `${risk.reference} and ${link.reference}` : risk.reference),
    breadcrumbs: await riskCrumbs(db, risk, 'Remove a link'),
    risk,
    link: link ?? null,
    ...form,
  };
}

/** Where a higher risk can go down: a lower risk linked to it, or a register of a node below. */
export async function deEscalateFormPage(db: Db, risk: RiskDetailRow, form: FormState) {
  const tree = await loadTree(db);
  const { down } = await linksAroundRisk(db, risk.id);
  const below = tree.subtreeIds(risk.node_id).filter((id) => id !== risk.node_id);
  const registers = below.length === 0 ? [] : await db.selectFrom('registers as g').innerJoin('nodes as n', 'n.id', 'g.node_id')
    .select(['g.id', 'g.code', 'g.name', 'n.name as node_name']).where('g.node_id', 'in', below).where('g.closed_on', 'is', null).where('n.retired_on', 'is', null)
    .orderBy('n.name').orderBy('g.name').execute();
  const chosen = form.values.to;
  const options = [
    ...down.filter((l) => l.status === 'open').map((l) => ({ value: `risk-${l.risk_id}`, text: `${l.reference} ${l.title} (${l.node_name}) carries on`, selected: chosen === `risk-${l.risk_id}` })),
    ...registers.map((g) => ({ value: `register-${g.id}`, text: `Propose a new risk to ${g.name} (${g.code}), ${g.node_name}`, selected: chosen === `register-${g.id}` })),
  ];
  return {
    title: pageTitle('De-escalate', risk.reference),
    breadcrumbs: await riskCrumbs(db, risk, 'De-escalate'),
    risk,
    ...form,
    options,
    nowhere: options.length === 0,
  };
}

export async function acceptanceFormPage(db: Db, clock: Clock, risk: RiskDetailRow, form: FormState) {
  const [people, matrix, facts] = await Promise.all([
    loadPeopleChoices(db, risk.node_id),
    loadMatrix(db),
    db.selectFrom('risk_facts').select(['current_level_rank', 'review_due_on', 'above_appetite']).where('risk_id', '=', risk.id).executeTakeFirst(),
  ]);
  const level = levelOf(matrix, facts?.current_level_rank ?? 1);
  const chosenLevel = form.values.level_rank ?? String(level.rank);
  return {
    title: pageTitle('Record an acceptance', risk.reference),
    breadcrumbs: await riskCrumbs(db, risk, 'Record an acceptance'),
    risk,
    currentLevel: level,
    reviewDueOn: facts?.review_due_on ?? null,
    aboveAppetite: facts?.above_appetite === 1,
    tolerated: risk.treatment === 'tolerate',
    ...form,
    values: { accepted_on: today(clock), ...form.values, level_rank: chosenLevel },
    approvers: peopleOptions(people, form.values.approver_id, 'Select a person'),
    levels: toOptions(matrix.levels.filter((l) => l.rank >= level.rank), (l) => l.rank, (l) => l.name, chosenLevel),
  };
}

/**
 * The first `shown` suggestions of a node (worst first), for its managers on the register page
 * and for the dismiss form, and how many there are. Only those shown are made into views: the
 * organisation's node has a thousand.
 */
export async function escalationSuggestionsOf(db: Db, nodeId: number, shown = Infinity) {
  const [settings, matrix] = await Promise.all([loadSettings(db), loadMatrix(db)]);
  const suggestions = await escalationSuggestions(db, nodeId, settings.escalationLevelRank);
  return { total: suggestions.length, shown: suggestions.slice(0, shown).map((s) => ({
    ...s,
    level: levelOf(matrix, s.currentLevelRank),
    triggerLabels: s.triggers.map((t) => ESCALATION_TRIGGER_LABELS[t]),
    escalateHref: `/risks/${s.riskId}/escalate`,
    dismissHref: `/nodes/${nodeId}/suggestions/dismiss?risk=${s.riskId}`,
  })) };
}

export async function suggestionDismissPage(db: Db, nodeId: number, form: FormState) {
  const tree = await loadTree(db);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const suggestion = (await escalationSuggestionsOf(db, nodeId)).shown.find((s) => String(s.riskId) === form.values.risk);
  return {
    title: pageTitle('Dismiss a suggested escalation', suggestion ? `${suggestion.reference} to ${node.name}` : node.name),
    breadcrumbs: [...tree.path(nodeId).map((n) => ({ text: n.name, href: `/nodes/${n.id}` })), { text: 'Dismiss a suggestion' }],
    node,
    suggestion: suggestion ?? null,
    ...form,
  };
}

/** Likely duplicates touching a node's own and descendants' risks, each with what can be done about it. */
export async function duplicatesPage(db: Db, nodeId: number, readable: ReadableNodeIds) {
  const tree = await loadTree(db);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const pairs = (await likelyDuplicates(db, tree.subtreeIds(nodeId))).filter((p) => isReadable(readable, p.a.nodeId) && isReadable(readable, p.b.nodeId));
  const depth = (id: number) => tree.path(id).length;
  return {
    title: pageTitle('Likely duplicates', node.name),
    breadcrumbs: [...tree.path(nodeId).map((n) => ({ text: n.name, href: `/nodes/${n.id}` })), { text: 'Likely duplicates' }],
    node,
    pairs: pairs.slice(0, 200).map((p) => {
      // A link goes from the lower risk to the higher one; two risks at one level cannot be linked, only judged.
      const [lower, higher] = depth(p.a.nodeId) >= depth(p.b.nodeId) ? [p.a, p.b] : [p.b, p.a];
      const linkable = depth(lower.nodeId) > depth(higher.nodeId);
      return {
        ...p,
        percent: Math.round(p.score * 100),
        linkHref: linkable ? `/risks/${lower.id}/links/new?to=${encodeURIComponent(higher.reference)}` : null,
        linkText: linkable ? `Link ${lower.reference} as contributing to ${higher.reference}` : null,
        notDuplicateHref: `/nodes/${nodeId}/duplicates/not-duplicate?a=${p.a.id}&b=${p.b.id}`,
      };
    }),
    total: pairs.length,
    shownAll: pairs.length <= 200,
  };
}

export async function notDuplicateFormPage(db: Db, nodeId: number, form: FormState) {
  const tree = await loadTree(db);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const ids = [Number(form.values.a), Number(form.values.b)].filter((n) => Number.isInteger(n) && n > 0);
  const risks = ids.length === 2 ? await Promise.all(ids.map((id) => findRisk(db, id))) : [];
  const [a, b] = risks;
  return {
    title: pageTitle('Not a duplicate', a && b ? `${a.reference} and ${b.reference}` : node.name),
    breadcrumbs: [...tree.path(nodeId).map((n) => ({ text: n.name, href: `/nodes/${n.id}` })), { text: 'Likely duplicates', href: `/nodes/${nodeId}/duplicates` }, { text: 'Not a duplicate' }],
    node,
    // Always the texts as they are now: the person confirms what the page shows.
    pair: a && b ? { a, b, fingerprint: duplicateFingerprint(a.id < b.id ? a : b, a.id < b.id ? b : a) } : null,
    ...form,
  };
}
