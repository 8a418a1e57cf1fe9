import type { Db } from '../../db/connection';
import { notFound } from '../errors';
import { describeAuditEvent, formatAuditInstant, referencedIds } from '../domain/audit';
import type { ReadableNodeIds } from '../domain/roles';
import { listRiskHistory, loadAuditNames } from '../queries/audit';
import { listNodes } from '../queries/nodes';
import { PLAN_LINK_ENTITY, readablePlanIds } from '../queries/plan-risks';
import { findRisk } from '../queries/risks';
import { auditWordsOf } from './audit-words';
import { riskBreadcrumbs } from './risk-page';
import { pageTitle, recordName } from './page-title';

/**
 * The History tab of a risk: its own changes and its actions' and reviews', newest first, in
 * words. A link to a plan the reader may not read keeps its row (something did happen) but not
 * the plan's name: `readable` are the nodes the reader may read.
 */
export async function buildRiskHistoryPage(db: Db, riskId: number, readable: ReadableNodeIds) {
  const [risk, events, nodes] = await Promise.all([findRisk(db, riskId), listRiskHistory(db, riskId), listNodes(db)]);
  if (!risk) throw notFound('That risk');
  const planLinks = events.filter((e) => e.entityType === PLAN_LINK_ENTITY).map((e) => e.entityId);
  const [names, seenPlans] = await Promise.all([loadAuditNames(db, referencedIds(events, auditWordsOf)), readablePlanIds(db, planLinks, readable)]);
  const { reference } = risk;
  return {
    title: pageTitle('History', recordName(reference, risk.title)),
    breadcrumbs: riskBreadcrumbs(nodes, risk.node_id, reference),
    risk: { ...risk, reference },
    events: events.map((event) => {
      if (event.entityType === PLAN_LINK_ENTITY && !seenPlans.has(event.entityId)) {
        const { headline } = describeAuditEvent({ ...event, before: null, after: null }, auditWordsOf(event.entityType), names);
        return { headline, changes: [], about: 'a plan you cannot see', by: event.actorName, when: formatAuditInstant(event.at) };
      }
      const words = describeAuditEvent(event, auditWordsOf(event.entityType), names);
      // The risk's own events need no name on its own page; an action or review does.
      const about = event.entityType === 'risk' ? '' : event.subject;
      return { ...words, about, by: event.actorName, when: formatAuditInstant(event.at) };
    }),
  };
}
