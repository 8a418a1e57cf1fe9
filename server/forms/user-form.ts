import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '../access/passwords';
import { ROLES } from '../domain/roles';
import { choice, optionalIdChoice, optionalText, requiredText } from './fields';

const password = z
  .string({ error: 'Password must be text' })
  .max(200, 'Password must be 200 characters or fewer')
  .refine((value) => value === '' || value.length >= PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters, or leave it empty for one to be made up`)
  .optional()
  .transform((value) => value ?? '');

export const newUserSchema = z.object({
  name: requiredText('Enter the person’s name', 'Name', 200),
  email: requiredText('Enter the person’s email address', 'Email address', 320)
    .transform((email) => email.toLowerCase())
    .refine((email) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email), 'Enter an email address in the right format, like name@example.gov.uk'),
  job_title: optionalText('Job title', 200),
  password,
});

/** '' is the whole organisation; otherwise a node id. */
export const grantSchema = z.object({
  role: choice(ROLES, 'Select a role'),
  node_id: optionalIdChoice('Select where the role applies from the list'),
});

export const passwordSchema = z.object({ password });
