import type { Tx } from '../../db/connection';
import type { RegisterKind } from '../domain/vocabulary';
import type { Change } from '../queries/audit';
import { findNode } from '../queries/nodes';
import { countOpenRisksOfRegister, findRegister, findRegisterWithCode, insertRegister, updateRegister } from '../queries/registers';
import type { NewRisk } from '../../db/schema';
import { findRisk, insertRisk, moveRiskToRegister } from '../queries/risks';
import type { Problem } from './org-tree-changes';

// Registers are managed by the people who manage a node's risks: added, renamed, closed when
// they hold no open risk; and a risk moves to another register, keeping its reference.

async function codeProblems(tx: Tx, code: string, field: string, exceptId?: number): Promise<Problem[]> {
  const other = await findRegisterWithCode(tx, code, exceptId);
  return other ? [[field, `${code} is already the code of ${other.name}: register codes must be unique`]] : [];
}

export interface NewRegister {
  kind: RegisterKind;
  name: string;
  code: string;
}

export type AddRegisterOutcome = { kind: 'added'; id: number } | { kind: 'refused'; problems: Problem[] } | { kind: 'retired' };

/** `fields` names the form's fields, so the same rule serves the register form and the risk form's register-on-the-way. */
export async function addRegister(tx: Tx, change: Change, nodeId: number, form: NewRegister, fields = { code: 'code' }): Promise<AddRegisterOutcome> {
  const node = await findNode(tx, nodeId);
  if (!node || node.retired_on !== null) return { kind: 'retired' };
  const problems = await codeProblems(tx, form.code, fields.code);
  if (problems.length > 0) return { kind: 'refused', problems };
  return { kind: 'added', id: await insertRegister(tx, change, { node_id: nodeId, ...form }) };
}

export type AddRiskWithRegisterOutcome = { kind: 'added'; riskId: number } | Exclude<AddRegisterOutcome, { kind: 'added' }>;

/**
 * A node's first risk and the register it needs, in one transaction: both are saved or neither,
 * and what was typed for the risk is kept if the register is refused (its code is taken).
 */
export async function addRiskWithNewRegister(
  tx: Tx,
  change: Change,
  nodeId: number,
  register: NewRegister,
  risk: Omit<NewRisk, 'register_id' | 'ref_number' | 'reference' | 'created_at' | 'updated_at' | 'status'>,
): Promise<AddRiskWithRegisterOutcome> {
  const added = await addRegister(tx, change, nodeId, register, { code: 'new_register_code' });
  if (added.kind !== 'added') return added;
  return { kind: 'added', riskId: await insertRisk(tx, change, { ...risk, register_id: added.id, status: 'open' }) };
}

export type RegisterChangeOutcome = { kind: 'saved' } | { kind: 'stale' } | { kind: 'refused'; problems: Problem[] };

/** A new name or code; references already given keep the code they were given under. */
export async function renameRegister(tx: Tx, change: Change, registerId: number, version: number, form: { name: string; code: string }): Promise<RegisterChangeOutcome> {
  const problems = await codeProblems(tx, form.code, 'code', registerId);
  if (problems.length > 0) return { kind: 'refused', problems };
  return (await updateRegister(tx, change, registerId, version, form)) ? { kind: 'saved' } : { kind: 'stale' };
}

/** Closing is refused while the register holds open risks: they are closed or moved first, so nothing live is left out of sight. */
export async function closeRegister(tx: Tx, change: Change, registerId: number, version: number, today: string): Promise<RegisterChangeOutcome> {
  const register = await findRegister(tx, registerId);
  if (!register || register.version !== version) return { kind: 'stale' };
  if (register.closed_on !== null) return { kind: 'refused', problems: [['version', `${register.name} was already closed on ${register.closed_on}`]] };
  const open = await countOpenRisksOfRegister(tx, registerId);
  if (open > 0) {
    return { kind: 'refused', problems: [['version', `${register.name} holds ${open === 1 ? '1 open risk' : `${open} open risks`}: close them or move them to another register first`]] };
  }
  return (await updateRegister(tx, change, registerId, version, { closed_on: today })) ? { kind: 'saved' } : { kind: 'stale' };
}

export type MoveRiskOutcome = { kind: 'moved' } | { kind: 'stale' } | { kind: 'refused'; problems: Problem[] };

/**
 * Moves a risk to another open register that the mover manages (`mayManageNode`, from their
 * grants). Checked against what this transaction reads, so a register closed meanwhile is refused.
 */
export async function moveRisk(
  tx: Tx,
  change: Change,
  riskId: number,
  version: number,
  targetRegisterId: number,
  reason: string,
  /** Asked with this transaction: a query on the database itself would wait for the transaction to end, for ever. */
  mayManageNode: (tx: Tx, nodeId: number) => Promise<boolean>,
): Promise<MoveRiskOutcome> {
  const risk = await findRisk(tx, riskId);
  if (!risk || risk.version !== version) return { kind: 'stale' };
  const target = await findRegister(tx, targetRegisterId);
  const refuse = (message: string): MoveRiskOutcome => ({ kind: 'refused', problems: [['register_id', message]] });
  if (!target || !(await mayManageNode(tx, target.node_id))) return refuse('Select a register you manage from the list');
  if (target.id === risk.register_id) return refuse(`The risk is already in ${target.name}: select another register`);
  if (target.closed_on !== null || target.node_retired_on !== null) return refuse(`${target.name} is closed and takes no risks: select an open register`);
  const from = { id: risk.register_id, code: risk.register_code, name: risk.register_name };
  return (await moveRiskToRegister(tx, change, riskId, version, from, target, reason)) ? { kind: 'moved' } : { kind: 'stale' };
}
