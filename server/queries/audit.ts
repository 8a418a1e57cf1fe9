import type { Db, Tx } from '../../db/connection';
import type { Actor } from '../domain/audit';
import { auditDiff, type AuditValues } from '../domain/audit';
import type { AuditAction } from '../domain/vocabulary';

/** Who makes a change and when: every write function takes one and records it. */
export interface Change {
  actor: Actor;
  /** ISO instant, from the request's clock. */
  at: string;
}

export interface AuditEvent {
  /** 'risk', 'action', 'review', 'user', 'role', 'setting', 'plan', 'exercise'… */
  entityType: string;
  entityId: number;
  action: AuditAction;
  /** What the record is called, as it is now: a risk's reference and title, an action's description. */
  subject: string;
  /** The node the record belongs to; null for organisation-wide records such as settings. */
  nodeId: number | null;
  /** The risk the record belongs to, so its history shows on the risk's page. */
  riskId?: number | null;
  /** The whole record before (update, delete) and after (create, update); only changed fields are kept. */
  before?: AuditValues | null;
  after?: AuditValues | null;
  /** ISO instant of the change, from the request's clock. */
  at: string;
}

/**
 * Records one change in the audit history. Takes a transaction, never the database: the event
 * must commit or roll back with the change it describes. An update that changed nothing
 * records nothing and returns null.
 */
export async function recordAudit(tx: Tx, actor: Actor, event: AuditEvent): Promise<number | null> {
  const diff = auditDiff(event.action, event.before ?? null, event.after ?? null);
  if (!diff) return null;
  const { id } = await tx
    .insertInto('audit_events')
    .values({
      at: event.at,
      actor_user_id: actor.userId,
      actor_name: actor.name,
      entity_type: event.entityType,
      entity_id: event.entityId,
      subject: event.subject,
      node_id: event.nodeId,
      risk_id: event.riskId ?? null,
      action: event.action,
      before: diff.before === null ? null : JSON.stringify(diff.before),
      after: diff.after === null ? null : JSON.stringify(diff.after),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface AuditRecord {
  id: number;
  at: string;
  actorName: string;
  entityType: string;
  entityId: number;
  subject: string;
  action: AuditAction;
  before: AuditValues | null;
  after: AuditValues | null;
}

function parseValues(json: string | null): AuditValues | null {
  return json === null ? null : (JSON.parse(json) as AuditValues);
}

const historyColumns = ['id', 'at', 'actor_name', 'entity_type', 'entity_id', 'subject', 'action', 'before', 'after'] as const;

function toRecord(row: { id: number; at: string; actor_name: string; entity_type: string; entity_id: number; subject: string; action: AuditAction; before: string | null; after: string | null }): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    actorName: row.actor_name,
    entityType: row.entity_type,
    entityId: row.entity_id,
    subject: row.subject,
    action: row.action,
    before: parseValues(row.before),
    after: parseValues(row.after),
  };
}

/** Everything that happened to a risk, its actions and its reviews, newest first. */
export async function listRiskHistory(db: Db, riskId: number): Promise<AuditRecord[]> {
  const rows = await db.selectFrom('audit_events').select(historyColumns).where('risk_id', '=', riskId).orderBy('id', 'desc').execute();
  return rows.map(toRecord);
}

/** Everything that happened to one record, newest first. */
export async function listEntityHistory(db: Db, entityType: string, entityId: number): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(historyColumns)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toRecord);
}

/** Today's names for the ids a page of history shows. */
export async function loadAuditNames(db: Db, ids: { people: number[]; categories: number[]; objectives: number[] }) {
  const none = Promise.resolve([] as { id: number; name: string }[]);
  const [people, categories, objectives] = await Promise.all([
    ids.people.length ? db.selectFrom('people').select(['id', 'name']).where('id', 'in', ids.people).execute() : none,
    ids.categories.length ? db.selectFrom('categories').select(['id', 'name']).where('id', 'in', ids.categories).execute() : none,
    ids.objectives.length ? db.selectFrom('objectives').select(['id', 'title as name']).where('id', 'in', ids.objectives).execute() : none,
  ]);
  const map = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { people: map(people), categories: map(categories), objectives: map(objectives) };
}
