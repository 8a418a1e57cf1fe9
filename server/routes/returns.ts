import { Router, type Response } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { nodeInPath, registerInPath } from '../access/scopes';
import { acceptReturn, answerChallenge, challengeReturn, parseAbout, submitReturn, type ReturnOutcome } from '../changes/return-changes';
import { today } from '../clock';
import { WHO_MAY } from '../domain/returns';
import { quarterPath, type FyQuarter } from '../domain/quarters';
import { notFound } from '../errors';
import { formErrors, parseForm, typedValues } from '../forms/parse';
import { acceptSchema, answerSchema, challengeSchema } from '../forms/return-form';
import { savedMessage } from '../presenters/saved-message';
import {
  buildRegisterReturnsPage,
  buildReturnPage,
  buildReturnsTablePage,
  quarterFromPath,
  returnPageQuerySchema,
  returnsTableQuerySchema,
  type May,
  type ReturnPageForms,
} from '../presenters/return-pages';
import { loadSettings } from '../queries/reference';
import { findRegister, type RegisterRow } from '../queries/registers';
import { changeOf, idParam } from './params';

// The quarterly return (docs/quarterly-returns.md). Business managers submit and answer, HQ
// reviewers challenge and accept: each route's guard says so, and a refusal names who may act.
// The moves and their rules are in server/changes/return-changes.ts.

const SAVED: Record<string, string> = {
  submitted: 'Return submitted: the register is frozen as it stood, and HQ can now read and challenge it',
  challenged: 'Challenge sent: the business manager answers it on this page',
  answered: 'Answer saved',
  accepted: 'Return accepted',
};

export function returnRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  async function registerFromPath(value: string | string[] | undefined): Promise<RegisterRow> {
    const register = await findRegister(db, idParam(value, 'That register'));
    if (!register) throw notFound('That register');
    return register;
  }

  const mayOf = (res: Response) => (res.locals.may ?? {}) as May;

  router.get('/registers/:id/returns', allow(db, 'read', registerInPath), async (req, res) => {
    const register = await registerFromPath(req.params.id);
    const page = await buildRegisterReturnsPage(db, today(clock), register, mayOf(res));
    res.render('returns/register-returns', { ...page, savedMessage: savedMessage(SAVED, req.query.saved) });
  });

  router.post('/registers/:id/returns/:quarter/submit', allow(db, 'manage_risks', registerInPath, WHO_MAY.submit), async (req, res) => {
    const register = await registerFromPath(req.params.id);
    const q = quarterFromPath(req.params.quarter, await loadSettings(db));
    const day = today(clock);
    const outcome = await db.transaction().execute((tx) => submitReturn(tx, changeOf(res, clock), register.id, q, day));
    if (outcome.kind === 'done') {
      res.redirect(303, `/registers/${register.id}/returns/${req.params.quarter as string}?saved=submitted`);
      return;
    }
    // Refused (each unreviewed risk listed, 400) or already submitted (409): the returns page says why.
    const errors = outcome.kind === 'refused' ? formErrors(outcome.problems) : formErrors([['quarter', outcome.message]]);
    const page = await buildRegisterReturnsPage(db, day, register, mayOf(res), { quarter: q, errors });
    res.status(outcome.kind === 'refused' ? 400 : 409).render('returns/register-returns', page);
  });

  async function renderReturn(res: Response, register: RegisterRow, q: FyQuarter, query: unknown, forms: ReturnPageForms = {}, saved?: unknown) {
    const page = await buildReturnPage(db, today(clock), register, q, mayOf(res), returnPageQuerySchema.parse(query), forms);
    res.status(forms.status ?? 200).render('returns/return', { ...page, savedMessage: savedMessage(SAVED, saved) });
  }

  router.get('/registers/:id/returns/:quarter', allow(db, 'read', registerInPath), async (req, res) => {
    const register = await registerFromPath(req.params.id);
    const q = quarterFromPath(req.params.quarter, await loadSettings(db));
    await renderReturn(res, register, q, req.query, {}, req.query.saved);
  });

  /** After a move: back to the page, or the same page with the form kept and why it was refused. */
  async function afterMove(res: Response, register: RegisterRow, q: FyQuarter, form: NonNullable<ReturnPageForms['form']>, values: Record<string, string>, outcome: ReturnOutcome, saved: string) {
    const settings = await loadSettings(db);
    const href = `/registers/${register.id}/returns/${quarterPath(q, settings.fyStartMonth)}`;
    if (outcome.kind === 'done') {
      res.redirect(303, `${href}?saved=${saved}${form === 'challenge' || form === 'answer' ? '#challenges' : ''}`);
      return;
    }
    if (outcome.kind === 'refused') {
      await renderReturn(res, register, q, {}, { status: 400, form, values, errors: formErrors(outcome.problems) });
      return;
    }
    // Wrong state or stale: 409, with what was typed kept so nothing is lost.
    await renderReturn(res, register, q, {}, { status: 409, form, values, conflict: outcome.message });
  }

  router.post('/registers/:id/returns/:quarter/challenges', allow(db, 'review', registerInPath, WHO_MAY.challenge), async (req, res) => {
    const register = await registerFromPath(req.params.id);
    const q = quarterFromPath(req.params.quarter, await loadSettings(db));
    const values = typedValues(req.body);
    const parsed = parseForm(challengeSchema, req.body);
    const about = parsed.ok ? parseAbout(parsed.data.about) : null;
    if (!parsed.ok || !about) {
      const errors = parsed.ok ? formErrors([['about', 'Select what the challenge is about from the list']]) : parsed.errors;
      await renderReturn(res, register, q, {}, { status: 400, form: 'challenge', values, errors });
      return;
    }
    const form = parsed.data;
    const outcome = await db.transaction().execute((tx) => challengeReturn(tx, changeOf(res, clock), register.id, q, form.version, about, form.challenge_text));
    await afterMove(res, register, q, 'challenge', values, outcome, 'challenged');
  });

  router.post('/registers/:id/returns/:quarter/answers', allow(db, 'manage_risks', registerInPath, WHO_MAY.answer), async (req, res) => {
    const register = await registerFromPath(req.params.id);
    const q = quarterFromPath(req.params.quarter, await loadSettings(db));
    const values = typedValues(req.body);
    const parsed = parseForm(answerSchema, req.body);
    if (!parsed.ok) {
      await renderReturn(res, register, q, {}, { status: 400, form: 'answer', values, errors: parsed.errors });
      return;
    }
    const form = parsed.data;
    const outcome = await db.transaction().execute((tx) => answerChallenge(tx, changeOf(res, clock), register.id, q, form.version, form.challenge_id, form.answer_text, form.answer_risk_id));
    await afterMove(res, register, q, 'answer', values, outcome, 'answered');
  });

  router.post('/registers/:id/returns/:quarter/accept', allow(db, 'review', registerInPath, WHO_MAY.accept), async (req, res) => {
    const register = await registerFromPath(req.params.id);
    const q = quarterFromPath(req.params.quarter, await loadSettings(db));
    const values = typedValues(req.body);
    const parsed = parseForm(acceptSchema, req.body);
    if (!parsed.ok) {
      await renderReturn(res, register, q, {}, { status: 400, form: 'accept', values, errors: parsed.errors });
      return;
    }
    const form = parsed.data;
    const outcome = await db.transaction().execute((tx) => acceptReturn(tx, changeOf(res, clock), register.id, q, form.version, form.note));
    await afterMove(res, register, q, 'accept', values, outcome, 'accepted');
  });

  router.get('/nodes/:id/returns', allow(db, 'read', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const page = await buildReturnsTablePage(db, today(clock), nodeId, returnsTableQuerySchema.parse(req.query));
    res.status(page.quarterProblem ? 400 : 200).render('returns/returns-table', page);
  });

  return router;
}
