import { Router, type Response } from 'express';
import type { AppContext } from '../../context';
import { adminOnly } from './guard';
import { SCALE, type Matrix } from '../../domain/matrix';
import { saveUnlessChanged } from '../../changes/unless-changed';
import { decodeBase } from '../../forms/conflict';
import { editForm, refusedForm, staleForm, type FormState } from '../../forms/form-page';
import { cellField, matrixFieldLabels, matrixFormValues, matrixFromForm, matrixSchema } from '../../forms/matrix-form';
import { formErrors, parseForm, typedValues, type FormErrors } from '../../forms/parse';
import { ADMIN_CRUMB } from '../../presenters/admin-nodes';
import { toOptions } from '../../presenters/options';
import { savedMessage } from '../../presenters/saved-message';
import { changeOf } from '../params';
import { loadMatrix, saveMatrix } from '../../queries/reference';

const SAVED_MESSAGES: Record<string, string> = { changed: 'Risk matrix saved: every score now uses it' };

type MatrixPage = FormState & { savedMessage?: string };

/** The form laid out as the matrix is drawn: likelihood 5 at the top, impact 5 on the right. */
function matrixView(matrix: Matrix, values: Record<string, string>, errors: FormErrors | undefined) {
  const field = (name: string) => ({ name, value: values[name] ?? '', error: errors?.fields[name] });
  return {
    levels: matrix.levels.map((l) => ({
      rank: l.rank,
      name: field(`level_${l.rank}_name`),
      colour: field(`level_${l.rank}_colour`),
      textColour: field(`level_${l.rank}_text_colour`),
    })),
    axes: (['likelihood', 'impact'] as const).map((axis) => ({
      axis,
      title: axis === 'likelihood' ? 'Likelihood' : 'Impact',
      rows: SCALE.map((value) => ({ value, label: field(`${axis}_${value}_label`), description: field(`${axis}_${value}_description`) })),
    })),
    impactHeadings: SCALE.map((impact) => ({ impact, label: values[`impact_${impact}_label`] ?? '' })),
    grid: [...SCALE].reverse().map((likelihood) => ({
      likelihood,
      label: values[`likelihood_${likelihood}_label`] ?? '',
      cells: SCALE.map((impact) => {
        const name = cellField(likelihood, impact);
        return {
          ...field(name),
          likelihood,
          impact,
          score: likelihood * impact,
          rank: values[name] ?? '',
          options: toOptions(matrix.levels, (l) => l.rank, (l) => l.name, values[name]),
        };
      }),
    })),
  };
}

export function adminMatrixRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  const admin = adminOnly(db);

  async function render(res: Response, matrix: Matrix, page: MatrixPage): Promise<void> {
    res.status(page.status).render('admin/matrix', {
      title: 'Risk matrix',
      breadcrumbs: [ADMIN_CRUMB, { text: 'Risk matrix' }],
      ...page,
      matrix: matrixView(matrix, page.values, page.errors),
    });
  }

  router.get('/admin/matrix', admin, async (req, res) => {
    const matrix = await loadMatrix(db);
    await render(res, matrix, { ...editForm(matrixFormValues(matrix)), savedMessage: savedMessage(SAVED_MESSAGES, req.query.saved) });
  });

  router.post('/admin/matrix', admin, async (req, res) => {
    const before = await loadMatrix(db);
    const values = typedValues(req.body);
    const base = decodeBase(req.body);
    const parsed = parseForm(matrixSchema(before.levels), req.body);
    if (!parsed.ok || base === null) {
      const errors = parsed.ok ? formErrors([['form', 'The form is out of date: reload the page and try again']]) : parsed.errors;
      await render(res, before, refusedForm(values, errors));
      return;
    }
    const labels = matrixFieldLabels(before);
    const outcome = await db.transaction().execute((tx) => saveUnlessChanged(
      base,
      Object.keys(labels),
      async () => matrixFormValues(await loadMatrix(tx)),
      () => saveMatrix(tx, changeOf(res, clock), matrixFromForm(parsed.data, before.levels)),
    ));
    if (outcome.kind === 'stale') {
      const current = await loadMatrix(db);
      const name = (rank: string) => current.levels.find((l) => String(l.rank) === rank)?.name ?? rank;
      await render(res, current, staleForm({
        what: 'risk matrix',
        viewHref: '/admin/matrix',
        labels,
        base,
        saved: outcome.saved,
        entered: values,
        display: (field, value) => (field.startsWith('cell_') ? name(value) : value),
      }));
      return;
    }
    res.redirect(303, '/admin/matrix?saved=changed');
  });

  return router;
}
