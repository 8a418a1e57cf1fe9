import { z } from 'zod';
import { NODE_KINDS } from '../domain/vocabulary';
import { choice, idChoice, optionalIdChoice, requiredText, versionField } from './fields';

const CODE_MESSAGE = 'Enter a code of capital letters, digits and hyphens, for example SCCTD-ARU';

/** Codes are stored in capitals so that "scd" and "SCD" can never both exist. */
const code = z
  .string({ error: 'Enter a code' })
  .trim()
  .toUpperCase()
  .min(1, 'Enter a code')
  .max(20, 'Code must be 20 characters or fewer')
  .regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, CODE_MESSAGE);

const name = requiredText('Enter a name', 'Name', 120);

export const newNodeSchema = z.object({
  kind: choice(NODE_KINDS, 'Select what kind of part of the organisation it is'),
  parent_id: optionalIdChoice('Choose where it goes from the list'),
  name,
  code,
});

export const renameNodeSchema = z.object({ name, code, version: versionField });

export const moveNodeSchema = z.object({ parent_id: idChoice('Choose where to move it'), version: versionField });

export const retireNodeSchema = z.object({ version: versionField });

export const NODE_FIELD_LABELS: Record<string, string> = { name: 'Name', code: 'Code' };

export function nodeFormValues(node: { name: string; code: string; version: number }): Record<string, string> {
  return { name: node.name, code: node.code, version: String(node.version) };
}
