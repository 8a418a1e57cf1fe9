import { z } from 'zod';
import { REGISTER_KINDS } from '../domain/vocabulary';
import { choice, codeField, idChoice, requiredText, versionField } from './fields';

// Registers: added to a node, renamed, closed; and moving a risk from one register to another.

/** New risks are numbered under a register's code (SCCTD-CT-R01). */
const code = codeField('SCCTD-CT');

const name = requiredText('Enter a name for the register', 'Name', 120);

export const newRegisterSchema = z.object({
  kind: choice(REGISTER_KINDS, 'Select what kind of register it is'),
  name,
  code,
});

export const renameRegisterSchema = z.object({ name, code, version: versionField });

export const closeRegisterSchema = z.object({ version: versionField });

export const REGISTER_FIELD_LABELS: Record<string, string> = { name: 'Name', code: 'Code' };

export function registerFormValues(register: { name: string; code: string; version: number }): Record<string, string> {
  return { name: register.name, code: register.code, version: String(register.version) };
}

/**
 * The register a new risk is created with when its part of the organisation has none yet: the
 * risk form's own fields, prefixed, so what was typed for the risk is kept either way.
 */
export const registerOnTheWaySchema = z.object({
  new_register_kind: choice(REGISTER_KINDS, 'Select what kind of register it is'),
  new_register_name: name,
  new_register_code: code,
});

export const moveRiskSchema = z.object({
  register_id: idChoice('Select the register to move the risk to'),
  reason: requiredText('Enter why the risk is moving', 'Why it is moving', 1000),
  version: versionField,
});
