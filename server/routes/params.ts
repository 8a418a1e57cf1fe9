import type { Response } from 'express';
import type { Db } from '../../db/connection';
import { actorOf } from '../access/actor';
import type { Clock } from '../clock';
import type { Change } from '../queries/audit';
import { findPlan, type PlanDetailRow } from '../queries/plans';
import { findRisk, type RiskDetailRow } from '../queries/risks';
import { notFound } from '../errors';

/** A record id from the path; anything but a plain positive integer is a page that does not exist. */
export function idParam(value: string | string[] | undefined, what: string): number {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value) || Number(value) === 0) throw notFound(what);
  return Number(value);
}

/** The risk named in the path, or a 404 page. */
export async function riskFromPath(db: Db, value: string | string[] | undefined): Promise<RiskDetailRow> {
  const risk = await findRisk(db, idParam(value, 'That risk'));
  if (!risk) throw notFound('That risk');
  return risk;
}

/** The plan named in the path, if it is not retired (a retired plan takes no edits), or a 404 page. */
export async function livePlanFromPath(db: Db, value: string | string[] | undefined): Promise<PlanDetailRow> {
  const plan = await findPlan(db, idParam(value, 'That plan'));
  if (!plan || plan.retired_on !== null) throw notFound('That plan');
  return plan;
}

/** Who is making this request's change, and when, for the audit history. */
export function changeOf(res: Response, clock: Clock): Change {
  return { actor: actorOf(res), at: clock.now().toISOString() };
}
