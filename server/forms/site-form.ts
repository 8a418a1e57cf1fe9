import { z } from 'zod';
import { optionalText, requiredText } from './fields';

const NODES_MESSAGE = 'Select parts of the organisation from the list';

/** Ticked checkboxes: absent when none, one string for one, a list for several. */
const checkedIds = z
  .union([z.string(), z.array(z.string())], { error: NODES_MESSAGE })
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  .refine((ids) => ids.length <= 500 && ids.every((id) => /^\d{1,9}$/.test(id)), NODES_MESSAGE)
  .transform((ids) => [...new Set(ids.map(Number))]);

export const siteSchema = z.object({
  name: requiredText('Enter the name of the site', 'Name', 100),
  address: optionalText('Address', 300),
  node_ids: checkedIds,
});

export const SITE_FIELD_LABELS: Record<string, string> = { name: 'Name', address: 'Address', node_ids: 'Who works there' };

export function siteFormValues(site: { name: string; address: string }, nodeIds: number[]): Record<string, string> {
  return { name: site.name, address: site.address, node_ids: [...nodeIds].sort((a, b) => a - b).join(', ') };
}
