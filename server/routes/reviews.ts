import { Router, type Response } from 'express';
import type { AppContext } from '../app';
import { allow } from '../access/guard';
import { riskInPath } from '../access/scopes';
import { today } from '../clock';
import { rate } from '../domain/matrix';
import { formatQuarter, quarterOf } from '../domain/quarters';
import { formatReference } from '../domain/references';
import { directionOfTravel } from '../domain/reviews';
import type { ConflictNotice } from '../forms/conflict';
import { formErrors, hasErrors, parseForm, typedValues, type FormErrors } from '../forms/parse';
import { reviewDateProblem, reviewSchema } from '../forms/review-form';
import { findLatestReview, insertReview } from '../queries/reviews';
import { updateRisk, type RiskDetailRow } from '../queries/risks';
import { listPeople, loadMatrix, loadSettings } from '../queries/reference';
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

async function renderReviewForm(res: Response, people: Awaited<ReturnType<typeof listPeople>>, matrix: Matrix, page: ReviewPage) {
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
    const [people, matrix] = await Promise.all([listPeople(db), loadMatrix(db)]);
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
    const [people, matrix, settings, latest] = await Promise.all([listPeople(db), loadMatrix(db), loadSettings(db), findLatestReview(db, risk.id)]);
    const values = typedValues(req.body);
    const parsed = parseForm(reviewSchema, req.body);
    let errors = parsed.ok ? formErrors([]) : parsed.errors;
    if (parsed.ok) {
      const problems: [string, string][] = [];
      if (risk.status === 'closed') problems.push(['reviewed_on', 'This risk is closed: closed risks are not reviewed']);
      const dateProblem = reviewDateProblem(parsed.data.reviewed_on, today(clock), risk.identified_on, latest?.reviewed_on ?? null);
      if (dateProblem) problems.push(['reviewed_on', dateProblem]);
      if (!people.some((p) => p.id === parsed.data.reviewer_id)) problems.push(['reviewer_id', 'Select who carried out the review']);
      errors = formErrors(problems);
    }
    if (!parsed.ok || hasErrors(errors)) {
      await renderReviewForm(res, people, matrix, { risk, values, status: 400, errors });
      return;
    }
    const form = parsed.data;
    const score = rate(matrix, form.current_likelihood, form.current_impact).score;
    const quarter = quarterOf(form.reviewed_on, settings.fyStartMonth);
    const change = changeOf(res, clock);
    const quarterLabel = formatQuarter(quarter, settings.fyStartMonth);
    const saved = await db.transaction().execute(async (tx) => {
      // "No, it should be closed" closes the risk with the review as its reason.
      const closing = form.still_valid === 'no'
        ? { status: 'closed' as const, closed_on: form.reviewed_on, closure_reason: `No longer valid at the ${quarterLabel} review: ${form.commentary}` }
        : {};
      const updated = await updateRisk(tx, change, risk.id, form.version, {
        current_likelihood: form.current_likelihood,
        current_impact: form.current_impact,
        ...closing,
      });
      if (!updated) return false;
      // Re-read inside the transaction: the snapshot must be the scores as they now stand.
      const previous = await findLatestReview(tx, risk.id);
      await insertReview(tx, change, {
        risk_id: risk.id,
        fy_year: quarter.fyYear,
        fy_quarter: quarter.quarter,
        reviewed_on: form.reviewed_on,
        reviewer_id: form.reviewer_id,
        inherent_likelihood: risk.inherent_likelihood,
        inherent_impact: risk.inherent_impact,
        current_likelihood: form.current_likelihood,
        current_impact: form.current_impact,
        target_likelihood: risk.target_likelihood,
        target_impact: risk.target_impact,
        current_score: score,
        direction: directionOfTravel(previous?.current_score ?? null, score),
        commentary: form.commentary,
        mitigating_action: form.mitigating_action,
        further_action: form.further_action,
        still_valid: form.still_valid === 'yes' ? 1 : 0,
      }, quarterLabel);
      return true;
    });
    if (!saved) {
      const current = await riskFromPath(db, req.params.id);
      await renderReviewForm(res, people, matrix, {
        risk: current,
        values: { ...values, version: String(current.version) },
        status: 409,
        conflict: { what: 'risk', changes: [], viewHref: `/risks/${risk.id}` },
      });
      return;
    }
    res.redirect(303, `/risks/${risk.id}?saved=${form.still_valid === 'no' ? 'review-closed' : 'review'}`);
  });

  return router;
}
