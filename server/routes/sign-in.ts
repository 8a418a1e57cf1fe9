import { Router, type Response } from 'express';
import type { AppContext } from '../context';
import { anyone, signedIn } from '../access/guard';
import { decoyHash, verifyPassword } from '../access/passwords';
import { endSession, signedInUser, startSession } from '../access/session';
import type { ThrottleVerdict } from '../domain/sign-in-throttle';
import { claimSignInAttempt, signInFailed, signInSucceeded } from '../changes/sign-in-attempts';
import { formErrors, parseForm, type FormErrors } from '../forms/parse';
import { safeNextPath, signInSchema } from '../forms/sign-in-form';
import { anyUserExists, findActiveUserByEmail } from '../queries/users';

// One message for a wrong password, an unknown address and a disabled account: the page
// never tells anyone which addresses have accounts.
const WRONG = 'The email address or password is not right. Check them and try again.';

function throttleMessage(verdict: Exclude<ThrottleVerdict, { kind: 'allowed' }>): string {
  return verdict.kind === 'locked'
    ? `There have been too many failed attempts to sign in with this email address, so it is locked for ${verdict.minutes} minute${verdict.minutes === 1 ? '' : 's'}. Wait, or ask an admin to reset your password.`
    : `There have been several failed attempts to sign in with this email address. Wait ${verdict.seconds} second${verdict.seconds === 1 ? '' : 's'} before trying again.`;
}

function renderSignIn(res: Response, status: number, values: { email?: string; next: string }, errors?: FormErrors): void {
  res.status(status).render('sign-in', { title: 'Sign in', values, errors });
}

export function signInRoutes({ db, clock, cookies }: AppContext): Router {
  const router = Router();

  router.get('/sign-in', anyone, async (req, res) => {
    const next = safeNextPath(req.query.next);
    if (signedInUser(res)) {
      res.redirect(303, next);
      return;
    }
    // A new installation has nobody to sign in as: say how to make the first admin.
    const noUsersYet = !(await anyUserExists(db));
    res.render('sign-in', { title: 'Sign in', values: { next }, signedOut: req.query['signed-out'] === '1', noUsersYet });
  });

  router.post('/sign-in', anyone, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = safeNextPath(body.next);
    const typedEmail = typeof body.email === 'string' ? body.email : '';
    const parsed = parseForm(signInSchema, body);
    if (!parsed.ok) {
      renderSignIn(res, 400, { email: typedEmail, next }, parsed.errors);
      return;
    }
    const { email, password } = parsed.data;
    const now = clock.now();
    const claim = await claimSignInAttempt(db, email, now);
    if (claim.kind === 'refused') {
      renderSignIn(res, 429, { email: typedEmail, next }, formErrors([['email', throttleMessage(claim.verdict)]]));
      return;
    }
    const user = await findActiveUserByEmail(db, email);
    const matches = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
    if (!user || !matches) {
      await signInFailed(db, email, user?.id ?? null, claim.failuresIfWrong, now);
      renderSignIn(res, 401, { email: typedEmail, next }, formErrors([['email', WRONG]]));
      return;
    }
    await signInSucceeded(db, email);
    await endSession(db, cookies, req, res);
    await startSession(db, clock, cookies, res, user.id);
    res.redirect(303, next);
  });

  router.post('/sign-out', signedIn, async (req, res) => {
    await endSession(db, cookies, req, res);
    res.redirect(303, '/sign-in?signed-out=1');
  });

  return router;
}
