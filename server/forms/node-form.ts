import { z } from 'zod';
import { NODE_KINDS } from '../domain/vocabulary';
import { choice, codeField, idChoice, optionalIdChoice, requiredText, versionField } from './fields';

const code = codeField('SCCTD-ARU');

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
