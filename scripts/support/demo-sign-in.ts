import type { Page } from 'puppeteer-core';
import { DEMO_PASSWORD, demoOrganisation } from '../demo/demo-data';

/** The email of a demo person, by their key in the demo data. */
export const demoEmail = (personKey: string) => demoOrganisation.people.find((p) => p.key === personKey)?.email ?? '';

/** Signs a browser page in as a demo user through the real form. */
export async function signInAsDemoUser(page: Page, base: string, personKey: string): Promise<void> {
  await page.goto(new URL('/sign-in', base).toString());
  await page.type('#email', demoEmail(personKey));
  await page.type('#password', DEMO_PASSWORD);
  // The form's own button: the header's Sign out is a submit button too.
  await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
}
