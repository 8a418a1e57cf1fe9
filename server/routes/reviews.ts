import { Router, type Response } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { riskInPath } from '../access/scopes';
import { today } from '../clock';
import { recordReview } from '../changes/record-review';
import { blankForm, refusedForm, type FormState } from '../forms/form-page';
import { formErrors, parseForm, typedValues } from '../forms/parse';
import { reviewSchema } from '../forms/review-form';
import type { RiskDetailRow } from '../queries/risks';
import { loadMatrix } from '../queries/reference';
import type { Matrix } from '../domain/matrix';
import { placeholder, toOptions } from '../presenters/options';
import { loadPeopleChoices, peopleOptions, type PeopleChoices } from '../presenters/people-options';
import { changeOf, riskFromPath } from './params';
import { pageTitle } from '../presenters/page-title';

async function renderReviewForm(res: Response, people: PeopleChoices, matrix: Matrix, risk: RiskDetailRow, form: FormState) {
  const { values } = form;
  const axis = (name: 'likelihood' | 'impact') => [
    placeholder('Select', values[`current_${name}`]),
    ...toOptions(matrix[name], (a) => a.value, (a) => `${a.value} ${a.label}`, values[`current_${name}`]),
  ];
  res.status(form.status).render('risks/review-form', {
    title: pageTitle('Record a review', risk.reference),
    risk,
    ...form,
    reference: risk.reference,
    options: {
      reviewers: peopleOptions(people, values.reviewer_id, 'Select a reviewer'),
      likelihood: axis('likelihood'),
      impact: axis('impact'),
      stillValid: toOptions(['yes', 'no'] as const, (v) => v, (v) => (v === 'yes' ? 'Yes' : 'No: close the risk with this review as the reason'), values.still_valid),
    },
  });
}

export function reviewRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  router.get('/risks/:id/reviews/new', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const [people, matrix] = await Promise.all([loadPeopleChoices(db, risk.node_id), loadMatrix(db)]);
    await renderReviewForm(res, people, matrix, risk, blankForm({
      reviewed_on: today(clock),
      reviewer_id: String(risk.manager_id ?? risk.owner_id ?? ''),
      current_likelihood: String(risk.current_likelihood),
      current_impact: String(risk.current_impact),
      still_valid: 'yes',
      version: String(risk.version),
    }));
  });

  router.post('/risks/:id/reviews', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(reviewSchema, req.body);
    const outcome = parsed.ok
      ? await db.transaction().execute((tx) => recordReview(tx, changeOf(res, clock), risk.id, parsed.data, today(clock)))
      : undefined;
    if (outcome?.kind === 'recorded') {
      res.redirect(303, `/risks/${risk.id}?saved=${outcome.closedTheRisk ? 'review-closed' : 'review'}`);
      return;
    }
    const [people, matrix] = await Promise.all([loadPeopleChoices(db, risk.node_id), loadMatrix(db)]);
    if (outcome?.kind === 'stale') {
      const current = await riskFromPath(db, req.params.id);
      // A review records what the reviewer saw: nothing to merge, the form is kept and the risk shown as it now is.
      await renderReviewForm(res, people, matrix, current, {
        status: 409,
        values: { ...values, version: String(current.version) },
        conflict: { what: 'risk', changes: [], viewHref: `/risks/${risk.id}` },
      });
      return;
    }
    const errors = parsed.ok ? formErrors(outcome?.kind === 'refused' ? outcome.problems : []) : parsed.errors;
    await renderReviewForm(res, people, matrix, risk, refusedForm(values, errors));
  });

  return router;
}
