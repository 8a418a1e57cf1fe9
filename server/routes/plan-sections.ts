import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { planInPath } from '../access/scopes';
import { savePlanSection } from '../changes/plan-writes';
import { sectionByKey, type SectionDefinition } from '../domain/plan-content';
import { AppError, notFound } from '../errors';
import { decodeBase, encodeBase, sameValues, type ConflictNotice } from '../forms/conflict';
import { staleForm } from '../forms/form-page';
import { versionField } from '../forms/fields';
import type { FormErrors } from '../forms/parse';
import {
  lineLimitProblem,
  MORE_LINES,
  parseSectionForm,
  sectionDisplay,
  sectionFieldLabels,
  sectionFormSpec,
  sectionFormValues,
  sectionTypedValues,
  SPARE_LINES,
  type SectionFormSpec,
} from '../forms/plan-section-form';
import { findWorkingCopy, type PlanDetailRow } from '../queries/plans';
import { planBreadcrumbs } from '../presenters/plan-page';
import { buildSectionFormPage } from '../presenters/plan-section-page';
import { formatLongDate } from '../presenters/plan-sections';
import { changeOf, livePlanFromPath } from './params';

// Editing a plan one section at a time: into the draft, or opening the next draft from the
// version in force. The write and its stale-edit rule are savePlanSection.

const bodyField = (req: Request, name: string): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

export function planSectionRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  async function workingCopy(planId: number) {
    const copy = await findWorkingCopy(db, planId);
    if (!copy) throw notFound('A version of that plan');
    return copy;
  }

  // ---- Editing a section of the draft ----

  function sectionFromPath(value: string | string[] | undefined): SectionDefinition {
    const section = typeof value === 'string' ? sectionByKey(value) : undefined;
    if (!section) throw notFound('That section of the plan');
    return section;
  }

  interface SectionFormState {
    values: Record<string, string>;
    extraLines: number;
    showEveryLine?: boolean;
    draft: { id: number; version: number } | null;
    startsFromVersion: number | null;
    base: string;
    status?: number;
    errors?: FormErrors;
    conflict?: ConflictNotice;
  }

  async function renderSectionForm(res: Response, plan: PlanDetailRow, section: SectionDefinition, spec: SectionFormSpec, state: SectionFormState) {
    const breadcrumbs = await planBreadcrumbs(db, plan.node_id, { text: plan.ref, href: `/plans/${plan.id}` }, { text: section.title });
    res.status(state.status ?? 200).render('plans/plan-section-form', buildSectionFormPage({ plan, section, spec, breadcrumbs, ...state }));
  }

  router.get('/plans/:id/sections/:key/edit', allow(db, 'manage_plans', planInPath), async (req, res) => {
    const plan = await livePlanFromPath(db, req.params.id);
    const section = sectionFromPath(req.params.key);
    const spec = sectionFormSpec(section.key);
    const { draft, content, startsFromVersion } = await workingCopy(plan.id);
    const values = sectionFormValues(spec, content);
    await renderSectionForm(res, plan, section, spec, {
      values,
      showEveryLine: true,
      extraLines: SPARE_LINES,
      draft: draft ? { id: draft.id, version: draft.version } : null,
      startsFromVersion,
      base: encodeBase(values),
    });
  });

  router.post('/plans/:id/sections/:key', allow(db, 'manage_plans', planInPath), async (req, res) => {
    const plan = await livePlanFromPath(db, req.params.id);
    const section = sectionFromPath(req.params.key);
    const spec = sectionFormSpec(section.key);
    // Before anything is drawn: the form's length follows the line numbers posted.
    const tooManyLines = lineLimitProblem(spec, req.body);
    if (tooManyLines) throw new AppError(400, 'too_many_lines', tooManyLines);
    const values = sectionTypedValues(spec, req.body);
    const postedDraftId = bodyField(req, 'draft_id');
    // The draft the form was opened on, or null when it was opened on the version in force.
    const postedVersion = versionField.safeParse(bodyField(req, 'version'));
    const posted = {
      draft: /^\d{1,9}$/.test(postedDraftId) && postedVersion.success ? { id: Number(postedDraftId), version: postedVersion.data } : null,
      startsFromVersion: /^\d{1,9}$/.test(bodyField(req, 'starts_from')) ? Number(bodyField(req, 'starts_from')) : null,
      base: bodyField(req, 'base'),
    };

    // "Add more lines" redisplays the form with what was typed and blank lines added; nothing is saved.
    if (bodyField(req, 'more') !== '') {
      await renderSectionForm(res, plan, section, spec, { ...posted, values, extraLines: MORE_LINES, showEveryLine: true });
      return;
    }
    const parsed = parseSectionForm(spec, req.body);
    if (!parsed.ok) {
      await renderSectionForm(res, plan, section, spec, { ...posted, values, extraLines: 0, showEveryLine: true, status: 400, errors: parsed.errors });
      return;
    }

    const base = decodeBase(req.body);
    const outcome = await db.transaction().execute((tx) => savePlanSection(
      tx,
      changeOf(res, clock),
      plan,
      posted,
      parsed.data.apply,
      (content) => base !== null && sameValues(sectionFormValues(spec, content), base),
    ));
    if (outcome !== 'stale') {
      res.redirect(303, `/plans/${plan.id}?saved=${outcome}#section-${section.number}`);
      return;
    }

    // Someone saved the draft (or approved it) since this form was opened: show what they
    // changed, merge, and save nothing until the user saves again.
    const current = await workingCopy(plan.id);
    const saved = sectionFormValues(spec, current.content);
    const by = current.draft
      ? `${current.draft.updated_by || 'Someone'} saved the draft at ${current.draft.updated_at.slice(11, 16)} (UTC) on ${formatLongDate(current.draft.updated_at.slice(0, 10))}.`
      : `The draft was approved as version ${current.startsFromVersion} while you were editing; saving again starts a new draft from it.`;
    const { values: merged, conflict } = staleForm({
      what: 'plan',
      viewHref: `/plans/${plan.id}#section-${section.number}`,
      labels: sectionFieldLabels(spec, saved, values),
      base,
      saved,
      entered: values,
      display: sectionDisplay(spec),
      by,
    });
    // The section form carries its base apart from the fields (its values are lines, not one record).
    const { base: _base, ...mergedFields } = merged;
    await renderSectionForm(res, plan, section, spec, {
      values: mergedFields,
      extraLines: SPARE_LINES,
      draft: current.draft ? { id: current.draft.id, version: current.draft.version } : null,
      startsFromVersion: current.startsFromVersion,
      base: encodeBase(saved),
      status: 409,
      conflict,
    });
  });


  return router;
}
