import { Router, type Response } from 'express';
import type { AppContext } from '../app';
import { allow } from '../access/guard';
import { riskInPath } from '../access/scopes';
import { today } from '../clock';
import { recordReview } from '../changes/record-review';
import { formatReference } from '../domain/references';
import type { ConflictNotice } from '../forms/conflict';
import { formErrors, parseForm, typedValues, type FormErrors } from '../forms/parse';
import { reviewSchema } from '../forms/review-form';
import type { RiskDetailRow } from '../queries/risks';
import { listPeopleNear, loadMatrix, type PersonChoice } from '../queries/reference';
import type { Matrix } from '../domain/matrix';
import { placeholder, toOptions } from '../presenters/options';
import { changeOf, riskFromPath } from './params';

interface ReviewPage {
  status?: number;
  risk: RiskDetailRow;
  values: Record<string, string>;
  errors?: FormErrors;
  conflict?: ConflictNotice;
}

async function renderReviewForm(res: Response, people: PersonChoice[], matrix: Matrix, page: ReviewPage) {
  const { risk, values } = page;
  const axis = (name: 'likelihood' | 'impact') => [
    placeholder('Select', values[`current_${name}`]),
    ...toOptions(matrix[name], (a) => a.value, (a) => `${a.value} ${a.label}`, values[`current_${name}`]),
  ];
  res.status(page.status ?? 200).render('review-form', {
    title: `Review ${risk.title}`,
    ...page,
    reference: formatReference(risk.register_code, risk.ref_number),
    options: {
      reviewers: [placeholder('Select a reviewer', values.reviewer_id), ...toOptions(people, (p) => p.id, (p) => p.name, values.reviewer_id)],
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
    const [people, matrix] = await Promise.all([listPeopleNear(db, risk.node_id, [risk.manager_id, risk.owner_id]), loadMatrix(db)]);
    await renderReviewForm(res, people, matrix, {
      risk,
      values: {
        reviewed_on: today(clock),
        reviewer_id: String(risk.manager_id ?? risk.owner_id ?? ''),
        current_likelihood: String(risk.current_likelihood),
        current_impact: String(risk.current_impact),
        still_valid: 'yes',
        version: String(risk.version),
      },
    });
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
    const [people, matrix] = await Promise.all([listPeopleNear(db, risk.node_id, [Number(values.reviewer_id)]), loadMatrix(db)]);
    if (outcome?.kind === 'stale') {
      const current = await riskFromPath(db, req.params.id);
      await renderReviewForm(res, people, matrix, {
        risk: current,
        values: { ...values, version: String(current.version) },
        status: 409,
        conflict: { what: 'risk', changes: [], viewHref: `/risks/${risk.id}` },
      });
      return;
    }
    const errors = parsed.ok ? formErrors(outcome?.kind === 'refused' ? outcome.problems : []) : parsed.errors;
    await renderReviewForm(res, people, matrix, { risk, values, status: 400, errors });
  });

  return router;
}
