import { z } from 'zod';
import { requiredText } from './fields';

export const signInSchema = z.object({
  email: requiredText('Enter your email address', 'Email address', 320).transform((email) => email.toLowerCase()),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(200, 'Enter your password'),
});

/** Where to go after signing in: only a path on this site, never another site. */
export function safeNextPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 2000 ? value : '/';
}
