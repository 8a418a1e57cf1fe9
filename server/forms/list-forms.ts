import { z } from 'zod';
import { requiredText } from './fields';

export const categorySchema = z.object({
  name: requiredText('Enter the name of the category', 'Name', 60),
  appetite_rank: z
    .string({ error: 'Select the highest acceptable level' })
    .regex(/^\d{1,2}$/, 'Select the highest acceptable level')
    .transform(Number),
});

export const objectiveSchema = z.object({
  title: requiredText('Enter the strategic objective', 'Strategic objective', 200),
});

export const moveItemSchema = z.object({ direction: z.enum(['up', 'down'], { error: 'Choose to move it up or down' }) });

export const CATEGORY_FIELD_LABELS: Record<string, string> = { name: 'Name', appetite_rank: 'Appetite' };
export const OBJECTIVE_FIELD_LABELS: Record<string, string> = { title: 'Strategic objective' };

export function categoryFormValues(category: { name: string; appetite_rank: number }): Record<string, string> {
  return { name: category.name, appetite_rank: String(category.appetite_rank) };
}

export function objectiveFormValues(objective: { title: string }): Record<string, string> {
  return { title: objective.title };
}
