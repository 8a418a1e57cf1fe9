import { z } from 'zod';
import { optionalIdChoice, optionalText, requiredText, versionField } from './fields';

// The forms of a quarterly return: submit (no fields but the quarter in the path), challenge,
// answer, accept. Each transition form carries the return's version, so a form opened before
// the return moved on is refused (409) instead of acting twice.

export const challengeSchema = z.object({
  about: z.string({ error: 'Select what the challenge is about' }).min(1, 'Select what the challenge is about'),
  challenge_text: requiredText('Enter the challenge: what HQ asks the business manager to answer', 'The challenge', 4000),
  version: versionField,
});

export const answerSchema = z.object({
  challenge_id: z.string({ error: 'Answer a challenge from the list' }).regex(/^\d{1,9}$/, 'Answer a challenge from the list').transform(Number),
  answer_text: requiredText('Enter the answer to the challenge', 'The answer', 4000),
  answer_risk_id: optionalIdChoice('Select a risk of this register from the list, or none'),
  version: versionField,
});

export const acceptSchema = z.object({
  note: optionalText('Note', 2000),
  version: versionField,
});
