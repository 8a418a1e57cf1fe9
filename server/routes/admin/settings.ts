import { Router, type Response } from 'express';
import type { AppContext } from '../../context';
import { adminOnly } from './guard';
import { EXERCISE_TYPE_LABELS, EXERCISE_TYPES, REGISTER_KIND_LABELS, REGISTER_KINDS } from '../../domain/vocabulary';
import { saveUnlessChanged } from '../../changes/unless-changed';
import { decodeBase } from '../../forms/conflict';
import { editForm, refusedForm, staleForm, type FormState } from '../../forms/form-page';
import { formErrors, parseForm, typedValues } from '../../forms/parse';
import { SETTINGS_FIELD_LABELS, settingsFormValues, settingsFromForm, settingsSchema } from '../../forms/settings-form';
import { ADMIN_CRUMB } from '../../presenters/admin-nodes';
import { toOptions } from '../../presenters/options';
import { savedMessage } from '../../presenters/saved-message';
import { changeOf } from '../params';
import { loadMatrix, loadSettings, saveSettings } from '../../queries/reference';
import { ESCALATING_NODE_KINDS } from '../../domain/escalation';
import type { MatrixLevel } from '../../domain/matrix';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SAVED_MESSAGES: Record<string, string> = { changed: 'Settings saved' };

function render(res: Response, levels: readonly MatrixLevel[], page: FormState & { savedMessage?: string }): void {
  const field = (name: string, label: string) => ({ name, label, value: page.values[name] ?? '', error: page.errors?.fields[name] });
  res.status(page.status).render('admin/settings', {
    title: 'Cadences and settings',
    breadcrumbs: [ADMIN_CRUMB, { text: 'Cadences and settings' }],
    ...page,
    months: toOptions(MONTHS.map((name, index) => ({ name, number: index + 1 })), (m) => m.number, (m) => m.name, page.values.fy_start_month),
    reviewCadences: REGISTER_KINDS.map((kind) => field(`review_cadence_${kind}`, `${REGISTER_KIND_LABELS[kind]} registers`)),
    exerciseCadences: EXERCISE_TYPES.map((type) => field(`exercise_months_${type}`, EXERCISE_TYPE_LABELS[type])),
    escalationLevels: ESCALATING_NODE_KINDS.map((kind) => ({
      ...field(`escalation_level_${kind}`, `Risks of a ${kind}`),
      options: toOptions(levels, (l) => l.rank, (l) => `${l.name} or above`, page.values[`escalation_level_${kind}`]),
    })),
  });
}

export function adminSettingsRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  const admin = adminOnly(db);

  router.get('/admin/settings', admin, async (req, res) => {
    render(res, (await loadMatrix(db)).levels, { ...editForm(settingsFormValues(await loadSettings(db))), savedMessage: savedMessage(SAVED_MESSAGES, req.query.saved) });
  });

  router.post('/admin/settings', admin, async (req, res) => {
    const values = typedValues(req.body);
    const base = decodeBase(req.body);
    const parsed = parseForm(settingsSchema, req.body);
    if (!parsed.ok || base === null) {
      render(res, (await loadMatrix(db)).levels, refusedForm(values, parsed.ok ? formErrors([['fy_start_month', 'The form is out of date: reload the page and try again']]) : parsed.errors));
      return;
    }
    const outcome = await db.transaction().execute((tx) => saveUnlessChanged(
      base,
      Object.keys(SETTINGS_FIELD_LABELS),
      async () => settingsFormValues(await loadSettings(tx)),
      () => saveSettings(tx, changeOf(res, clock), settingsFromForm(parsed.data)),
    ));
    if (outcome.kind === 'stale') {
      render(res, (await loadMatrix(db)).levels, staleForm({
        what: 'settings',
        viewHref: '/admin/settings',
        labels: SETTINGS_FIELD_LABELS,
        base,
        saved: outcome.saved,
        entered: values,
        display: (field, value) => (field === 'fy_start_month' ? MONTHS[Number(value) - 1] ?? value : value),
      }));
      return;
    }
    res.redirect(303, '/admin/settings?saved=changed');
  });

  return router;
}
