import { z } from 'zod';
import { idChoice } from './fields';

/** Linking or unlinking one plan on a risk; the plan is checked against those the risk may name. */
export const planLinkSchema = z.object({ plan_id: idChoice('Select a plan from the list') });
