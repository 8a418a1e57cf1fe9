import type { Db } from '../../db/connection';
import { notFound } from '../errors';
import { describeAuditEvent, formatAuditInstant, referencedIds } from '../domain/audit';
import { formatReference } from '../domain/references';
import { listRiskHistory, loadAuditNames } from '../queries/audit';
import { listNodes } from '../queries/nodes';
import { findRisk } from '../queries/risks';
import { auditWordsOf } from './audit-words';
import { riskBreadcrumbs } from './risk-page';

/** The History tab of a risk: its own changes and its actions' and reviews', newest first, in words. */
export async function buildRiskHistoryPage(db: Db, riskId: number) {
  const [risk, events, nodes] = await Promise.all([findRisk(db, riskId), listRiskHistory(db, riskId), listNodes(db)]);
  if (!risk) throw notFound('That risk');
  const names = await loadAuditNames(db, referencedIds(events, auditWordsOf));
  const reference = formatReference(risk.register_code, risk.ref_number);
  return {
    title: `History of ${reference} ${risk.title}`,
    breadcrumbs: riskBreadcrumbs(nodes, risk.node_id, reference),
    risk: { ...risk, reference },
    events: events.map((event) => {
      const words = describeAuditEvent(event, auditWordsOf(event.entityType), names);
      // The risk's own events need no name on its own page; an action or review does.
      const about = event.entityType === 'risk' ? '' : event.subject;
      return { ...words, about, by: event.actorName, when: formatAuditInstant(event.at) };
    }),
  };
}
