import { parsePlanContent, planTemplate } from '../../server/domain/plan-content';
import { MAX_LINES, MORE_LINES } from '../../server/forms/plan-section-form';
import { insertPlan } from '../../server/queries/plans';
import { seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { hiddenBase, hiddenField, visibleText } from '../support/forms';
import { addPlan, completePlanContent, FIXTURE_CHANGE } from '../support/plan-fixtures';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';
import { signInWith } from '../support/users';

describe('business continuity plan forms', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  const draftOf = async (planId: number) =>
    t.handle.db.selectFrom('plan_versions').selectAll().where('plan_id', '=', planId).where('status', '=', 'draft').executeTakeFirst();
  const versionsOf = (planId: number) =>
    t.handle.db.selectFrom('plan_versions').select(['number', 'status', 'approved_on', 'next_review_on']).where('plan_id', '=', planId).orderBy('id').execute();

  /** The hidden fields a section form carries, to post back as the browser would. */
  async function openSection(planId: number, key: string) {
    const form = await t.http.get(`/plans/${planId}/sections/${key}/edit`).expect(200);
    return {
      html: form.text,
      hidden: {
        draft_id: hiddenField(form.text, 'draft_id') ?? '',
        version: hiddenField(form.text, 'version') ?? '',
        base: hiddenBase(form.text) ?? '',
        ...(hiddenField(form.text, 'starts_from') ? { starts_from: hiddenField(form.text, 'starts_from') ?? '' } : {}),
      },
    };
  }

  describe('adding a plan', () => {
    it('starts a draft in the standard format, referenced from the node and site', async () => {
      const site = await t.handle.db.insertInto('sites').values({ name: 'London', address: 'Rose Court, 2 Southwark Bridge Road' }).returning('id').executeTakeFirstOrThrow();
      await t.handle.db.insertInto('node_sites').values({ node_id: org.unitId, site_id: site.id }).execute();
      await t.http.get(`/nodes/${org.unitId}/plans/new`).expect(200);
      const res = await t.http
        .post(`/nodes/${org.unitId}/plans`)
        .type('form')
        .send({ title: 'Appeals Unit London plan', site_id: String(site.id), owner_id: String(org.ownerId), protective_marking: 'OFFICIAL-SENSITIVE', copy_from: '' })
        .expect(303);
      const page = await t.http.get(res.headers.location as string).expect(200);
      const text = visibleText(page.text);
      expect(text).toContain('BCP-SCD-AU-LON');
      expect(text).toContain('Appeals Unit, London (Rose Court)');
      expect(text).toContain('Draft (not yet approved)');
      expect(text).toContain('Plan added');
      // Every section, in order, and the template's guidance.
      const positions = ['0. Document control', '1. Purpose, scope', '4. Contacts and call cascade', '8. Recovery steps', '11. Exercising and maintenance'].map((title) => text.lastIndexOf(title));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect(text).toContain('Guidance.');
      expect(text).toContain('Primary holder for Incident lead');

      const list = visibleText((await t.http.get(`/nodes/${org.unitId}/plans`).expect(200)).text);
      expect(list).toContain('BCP-SCD-AU-LON');
      expect(list).toContain('Never approved');
    });

    it('gives a plan at a site a reference no reference already given can be taken for', async () => {
      const york = await t.handle.db.insertInto('sites').values({ name: 'York', address: 'Hudson House' }).returning('id').executeTakeFirstOrThrow();
      await t.handle.db.insertInto('node_sites').values({ node_id: org.divisionId, site_id: york.id }).execute();
      // A team of the division at York already has BCP-SCD-YORK (its code names the site).
      await addPlan(t.handle.db, org, 'BCP-SCD-YORK');
      const res = await t.http.post(`/nodes/${org.divisionId}/plans`).type('form')
        .send({ title: 'Special Crime Division York plan', site_id: String(york.id), owner_id: String(org.ownerId), protective_marking: 'OFFICIAL-SENSITIVE', copy_from: '' })
        .expect(303);
      const id = Number(/\/plans\/(\d+)/.exec(res.headers.location as string)?.[1]);
      const plan = await t.handle.db.selectFrom('plans').select('ref').where('id', '=', id).executeTakeFirstOrThrow();
      expect(plan.ref).toBe('BCP-SCD-YOR-2');
    });

    it('refuses bad input with 400, messages beside the fields and what was typed kept', async () => {
      const before = await t.handle.db.selectFrom('plans').select('id').execute();
      const res = await t.http
        .post(`/nodes/${org.unitId}/plans`)
        .type('form')
        .send({ title: '  ', site_id: '99999', owner_id: 'nobody', protective_marking: 'TOP SECRET', copy_from: 'Typed <b>plan</b>' })
        .expect(400);
      expect(res.text).toContain('Enter a title for the plan');
      expect(res.text).toContain('Select the owner of the plan');
      expect(res.text).toContain('Select the protective marking');
      expect(res.text).toContain('govuk-error-summary');
      expect(res.text).not.toContain('<b>plan</b>');
      expect(await t.handle.db.selectFrom('plans').select('id').execute()).toHaveLength(before.length);

      const wrongIds = await t.http
        .post(`/nodes/${org.unitId}/plans`)
        .type('form')
        .send({ title: 'Kept title', site_id: '99999', owner_id: '99999', protective_marking: 'OFFICIAL', copy_from: '' })
        .expect(400);
      expect(wrongIds.text).toContain('value="Kept title"');
      expect(wrongIds.text).toContain('Select a site of this part of the organisation');
      expect(wrongIds.text).toContain('Select the owner of the plan from the list');
    });

    it('copies the content of another plan when asked, under a reference of its own', async () => {
      const sourceId = await addPlan(t.handle.db, org, 'BCP-SOURCE', completePlanContent());
      const res = await t.http
        .post(`/nodes/${org.divisionId}/plans`)
        .type('form')
        .send({ title: 'Copied plan', site_id: '', owner_id: String(org.managerId), protective_marking: 'OFFICIAL', copy_from: String(sourceId) })
        .expect(303);
      const copyId = Number(/\/plans\/(\d+)/.exec(res.headers.location as string)?.[1]);
      const copy = await draftOf(copyId);
      expect(parsePlanContent(copy?.content ?? '{}')).toEqual(completePlanContent());
      const plan = await t.handle.db.selectFrom('plans').select('ref').where('id', '=', copyId).executeTakeFirstOrThrow();
      expect(plan.ref).toBe('BCP-SCD');
    });
  });

  describe('editing a section', () => {
    it('saves a call cascade from flat fields, drops blank lines and keeps step order', async () => {
      const planId = await addPlan(t.handle.db, org, 'BCP-EDIT-1');
      const { html, hidden } = await openSection(planId, 'contacts');
      expect(html).toContain('name="caller_1"');
      expect(html).toContain('name="caller_3"'); // spare lines
      const saved = await t.http
        .post(`/plans/${planId}/sections/contacts`)
        .type('form')
        .send({
          ...hidden,
          step_1: '2', caller_1: 'Sam Manager', calls_1: 'Paralegal team', phone_1: '07700 900002', contact_kind_1: 'internal',
          step_2: '', caller_2: '', calls_2: '', phone_2: '', contact_kind_2: 'internal',
          step_3: '1', caller_3: 'Alex Owner', calls_3: 'Sam Manager', phone_3: '07700 900001', contact_kind_3: 'internal',
          organisation_1: 'Police', contact_1: 'Control room', external_phone_1: '101', purpose_1: 'Building access',
        })
        .expect(303);
      const content = parsePlanContent((await draftOf(planId))?.content ?? '{}');
      expect(content.contacts.cascade.map((r) => [r.order, r.caller])).toEqual([[1, 'Alex Owner'], [2, 'Sam Manager']]);
      expect(content.contacts.external).toEqual([{ organisation: 'Police', name: 'Control room', phone: '101', purpose: 'Building access' }]);
      // Other sections are untouched.
      expect(content.responseTeam.roles.map((r) => r.role)).toContain('Incident lead');
      const page = visibleText((await t.http.get(saved.headers.location as string).expect(200)).text);
      expect(page).toContain('Section saved');
      expect(page).toMatch(/1 Alex Owner Sam Manager 07700 900001 Internal/);
    });

    it('refuses malformed lines with 400, the message beside the field and everything typed kept', async () => {
      const planId = await addPlan(t.handle.db, org, 'BCP-EDIT-2');
      const before = await draftOf(planId);
      const { hidden } = await openSection(planId, 'criticalActivities');
      const res = await t.http
        .post(`/plans/${planId}/sections/criticalActivities`)
        .type('form')
        .send({ ...hidden, activity_1: 'Charging advice', priority_1: 'first', rto_1: 'soon', mtpd_1: '24', rpo_1: '', min_staff_1: '3', peak_1: 'Mondays' })
        .expect(400);
      expect(res.text).toContain('Enter the priority as a whole number, for example 2 (line 1)');
      expect(res.text).toContain('Enter the RTO in hours, for example 4 or 0.5 (line 1)');
      expect(res.text).toContain('id="rto_1-error"');
      expect(res.text).toContain('value="soon"');
      expect(res.text).toContain('value="Charging advice"');
      expect((await draftOf(planId))?.version).toBe(before?.version);
    });

    it('adds blank lines on request without saving anything', async () => {
      const planId = await addPlan(t.handle.db, org, 'BCP-EDIT-3');
      const { hidden } = await openSection(planId, 'responseTeam');
      const res = await t.http
        .post(`/plans/${planId}/sections/responseTeam`)
        .type('form')
        .send({ ...hidden, role_1: 'Incident lead', primary_1: 'Typed but not saved', alternate_1: '', more: 'lines' })
        .expect(200);
      expect(res.text).toContain('value="Typed but not saved"');
      expect(res.text).toContain('name="role_6"');
      const content = parsePlanContent((await draftOf(planId))?.content ?? '{}');
      expect(content.responseTeam.roles[0]?.primary).toBe('');
    });

    describe('the line limit', () => {
      const snapshot = async () =>
        JSON.stringify(await Promise.all([
          t.handle.db.selectFrom('plans').selectAll().execute(),
          t.handle.db.selectFrom('plan_versions').selectAll().execute(),
          t.handle.db.selectFrom('audit_events').selectAll().execute(),
        ]));
      const linesShown = (html: string, column: string) => html.match(new RegExp(`name="${column}_\\d+"`, 'g'))?.length ?? 0;

      it('refuses a line number past the limit with 400 and a short page, never a form drawn to that length', async () => {
        const planId = await addPlan(t.handle.db, org, 'BCP-LIMIT-1');
        const before = await snapshot();
        // The 70-byte post that used to come back as 19 MB of empty lines.
        const amplified = await t.http.post(`/plans/${planId}/sections/contacts`).type('form').send('more=1&caller_9999=x').expect(400);
        expect(Buffer.byteLength(amplified.text)).toBeLessThan(50_000);
        expect(visibleText(amplified.text)).toContain(`Call cascade can have at most ${MAX_LINES} lines`);
        expect(amplified.text).not.toContain('name="caller_');
        for (const [key, body] of [
          ['contacts', 'caller_9999=x'],
          ['contacts', `external_phone_${MAX_LINES + 1}=`],
          ['contacts', `more=lines&contact_kind_${'9'.repeat(30)}=internal`],
          ['recovery', `more=lines&steps_${MAX_LINES + 1}=x`],
        ] as const) {
          const res = await t.http.post(`/plans/${planId}/sections/${key}`).type('form').send(body).expect(400);
          expect([body, Buffer.byteLength(res.text) < 50_000]).toEqual([body, true]);
        }
        expect(await snapshot()).toEqual(before);
      });

      it('draws a list at the limit with exactly the limit of lines, and Add more lines stops there and says so', async () => {
        const planId = await addPlan(t.handle.db, org, 'BCP-LIMIT-2');
        const { hidden } = await openSection(planId, 'contacts');
        const more = await t.http
          .post(`/plans/${planId}/sections/contacts`)
          .type('form')
          .send({ ...hidden, [`caller_${MAX_LINES - 2}`]: 'Alex Owner', more: 'lines' })
          .expect(200);
        expect(linesShown(more.text, 'caller')).toBe(MAX_LINES);
        expect(more.text).toContain(`name="caller_${MAX_LINES}"`);
        expect(visibleText(more.text)).toContain(`Call cascade is at its limit of ${MAX_LINES} lines: no more can be added.`);
        // The external contacts still have room, so the button stays for them.
        expect(linesShown(more.text, 'organisation')).toBe(MORE_LINES);
        expect(more.text).toContain('Add more lines');

        const bothFull = await t.http
          .post(`/plans/${planId}/sections/contacts`)
          .type('form')
          .send({ ...hidden, [`caller_${MAX_LINES}`]: 'Alex Owner', [`organisation_${MAX_LINES}`]: 'Police', more: 'lines' })
          .expect(200);
        expect(linesShown(bothFull.text, 'caller')).toBe(MAX_LINES);
        expect(linesShown(bothFull.text, 'organisation')).toBe(MAX_LINES);
        expect(bothFull.text).not.toContain('Add more lines');
      });

      it('saves a list of exactly the limit, and its form then shows no spare lines past it', async () => {
        const planId = await addPlan(t.handle.db, org, 'BCP-LIMIT-3');
        const { hidden } = await openSection(planId, 'invocation');
        const triggers = Object.fromEntries(Array.from({ length: MAX_LINES }, (_, i) => [`trigger_${i + 1}`, `Trigger ${i + 1}`]));
        await t.http.post(`/plans/${planId}/sections/invocation`).type('form').send({ ...hidden, ...triggers }).expect(303);
        expect(parsePlanContent((await draftOf(planId))?.content ?? '{}').invocation.triggers).toHaveLength(MAX_LINES);
        const form = await t.http.get(`/plans/${planId}/sections/invocation/edit`).expect(200);
        expect(linesShown(form.text, 'trigger')).toBe(MAX_LINES);
        expect(visibleText(form.text)).toContain(`Triggers is at its limit of ${MAX_LINES} lines`);
        expect(form.text).not.toContain('Add more lines');
      });
    });

    it('refuses a save from a stale form with 409, shows the other change and keeps it', async () => {
      const planId = await addPlan(t.handle.db, org, 'BCP-EDIT-4');
      const alex = await openSection(planId, 'responseTeam');
      const sam = await openSection(planId, 'responseTeam');
      await t.http.post(`/plans/${planId}/sections/responseTeam`).type('form').send({ ...sam.hidden, role_1: 'Incident lead', primary_1: 'Sam Lee', alternate_1: '' }).expect(303);
      const stale = await t.http
        .post(`/plans/${planId}/sections/responseTeam`)
        .type('form')
        .send({ ...alex.hidden, role_1: 'Incident lead', primary_1: '', alternate_1: 'Alex Owner' })
        .expect(409);
      const text = visibleText(stale.text);
      expect(text).toContain('Someone else changed this');
      expect(text).toContain('Response team: primary, line 1');
      expect(text).toContain('Sam Lee');
      // The merged form keeps Sam's primary and Alex's alternate; nothing was saved over Sam's.
      expect(stale.text).toContain('name="primary_1" type="text" value="Sam Lee"');
      expect(stale.text).toContain('name="alternate_1" type="text" value="Alex Owner"');
      const content = parsePlanContent((await draftOf(planId))?.content ?? '{}');
      expect(content.responseTeam.roles[0]).toEqual({ role: 'Incident lead', primary: 'Sam Lee', alternate: '' });
    });

    it('saves two people\'s edits of different sections of one draft, neither over the other', async () => {
      const planId = await addPlan(t.handle.db, org, 'BCP-EDIT-6');
      const alex = await openSection(planId, 'incidentLog');
      const sam = await openSection(planId, 'alternativeWorking');
      await t.http.post(`/plans/${planId}/sections/alternativeWorking`).type('form').send({ ...sam.hidden, other_site: 'Athena House, York', contact: 'Sam' }).expect(303);
      await t.http.post(`/plans/${planId}/sections/incidentLog`).type('form').send({ ...alex.hidden, log_keeper: 'Alex', stand_down_authority: 'Unit Head' }).expect(303);
      const content = parsePlanContent((await draftOf(planId))?.content ?? '{}');
      expect(content.alternativeWorking.otherSite).toBe('Athena House, York');
      expect(content.incidentLog.logKeeper).toBe('Alex');
    });

    it('answers 404 for a section that is not in the standard format', async () => {
      const planId = await addPlan(t.handle.db, org, 'BCP-EDIT-5');
      await t.http.get(`/plans/${planId}/sections/appendix/edit`).expect(404);
      await t.http.post(`/plans/${planId}/sections/constructor`).type('form').send({}).expect(404);
      await t.http.get(`/plans/${planId}/versions/1`).expect(404);
    });
  });

  describe('the template keeps what it promises', () => {
    it('shows all four audiences of the communications template, and a save that fills three keeps media to fill', async () => {
      const planId = await addPlan(t.handle.db, org, 'BCP-TEST-COMMS');
      const { html, hidden } = await openSection(planId, 'communications');
      for (const [line, audience] of ['staff', 'partners', 'public', 'media'].entries()) {
        expect(html).toMatch(new RegExp(`name="audience_${line + 1}"[\\s\\S]*?<option value="${audience}" selected`));
      }
      await t.http.post(`/plans/${planId}/sections/communications`).type('form').send({
        ...hidden,
        audience_1: 'staff', responsible_1: 'Communications lead', method_1: 'Text message and the intranet',
        audience_2: 'partners', responsible_2: 'Head of unit', method_2: 'Phone the court listing offices',
        audience_3: 'public', responsible_3: 'Victim Liaison Unit', method_3: 'Through the Witness Care Units',
        audience_4: 'media', responsible_4: '', method_4: '',
      }).expect(303);
      const draft = await draftOf(planId);
      const messages = parsePlanContent(draft?.content ?? '{}').communications.messages;
      expect(messages.map((m) => m.audience)).toEqual(['staff', 'partners', 'public', 'media']);
      // Approval then names what is still to do for the media.
      const approve = visibleText((await t.http.get(`/plans/${planId}/approve`).expect(200)).text);
      expect(approve).toContain('How media are told');
      expect(approve).toContain('Who tells media');
    });
  });

  describe('approving', () => {
    const approval = (draft: { id: number; version: number }, overrides: Record<string, string> = {}) => ({
      draft_id: String(draft.id),
      version: String(draft.version),
      approver_id: String(org.managerId),
      approved_on: TODAY,
      change_summary: 'First issue',
      ...overrides,
    });

    it('is refused while sections are missing, and the message lists them', async () => {
      const planId = await addPlan(t.handle.db, org, 'BCP-APPROVE-1');
      const draft = await draftOf(planId);
      if (!draft) throw new Error('no draft');
      const page = visibleText((await t.http.get(`/plans/${planId}/approve`).expect(200)).text);
      expect(page).toContain('cannot be approved yet');
      const res = await t.http.post(`/plans/${planId}/approve`).type('form').send(approval(draft)).expect(400);
      const text = visibleText(res.text);
      expect(text).toContain('Section 3, Response team: Primary holder for Incident lead');
      expect(text).toContain('Section 4, Contacts and call cascade: Call cascade');
      expect((await versionsOf(planId)).map((v) => v.status)).toEqual(['draft']);
    });

    it('freezes the draft as version 1 with a review due a year on, and a later edit starts version 2', async () => {
      const planId = await addPlan(t.handle.db, org, 'BCP-APPROVE-2', completePlanContent());
      const draft = await draftOf(planId);
      if (!draft) throw new Error('no draft');
      const res = await t.http.post(`/plans/${planId}/approve`).type('form').send(approval(draft)).expect(303);
      expect(await versionsOf(planId)).toEqual([{ number: 1, status: 'approved', approved_on: TODAY, next_review_on: '2027-11-23' }]);
      const approved = visibleText((await t.http.get(res.headers.location as string).expect(200)).text);
      expect(approved).toContain('Plan approved');
      expect(approved).toContain('Version 1 · Approved');
      expect(approved).toContain('Editing a section starts a draft of version 2');

      // Editing the approved plan opens a draft copied from version 1.
      const { hidden } = await openSection(planId, 'alternativeWorking');
      expect(hidden).toMatchObject({ draft_id: '', starts_from: '1' });
      await t.http
        .post(`/plans/${planId}/sections/alternativeWorking`)
        .type('form')
        .send({ ...hidden, other_site: 'Colmore Gate, Birmingham', travel_time: 'Ninety minutes', home_working: 'Laptops for all lawyers', contact: 'Area Business Manager' })
        .expect(303);
      const second = await draftOf(planId);
      if (!second) throw new Error('no second draft');
      const secondContent = parsePlanContent(second.content);
      expect(secondContent.alternativeWorking.otherSite).toBe('Colmore Gate, Birmingham');
      expect(secondContent.contacts).toEqual(completePlanContent().contacts);
      expect(visibleText((await t.http.get(`/plans/${planId}`).expect(200)).text)).toContain('Draft (after version 1)');

      await t.http.post(`/plans/${planId}/approve`).type('form').send(approval(second, { change_summary: 'Moved to Birmingham' })).expect(303);
      expect((await versionsOf(planId)).map((v) => [v.number, v.status])).toEqual([[1, 'superseded'], [2, 'approved']]);

      // Version 1 stays readable as it was approved.
      const old = visibleText((await t.http.get(`/plans/${planId}/versions/1`).expect(200)).text);
      expect(old).toContain('Athena House, York');
      expect(old).not.toContain('Colmore Gate');
      expect(old).toContain('It has been superseded');
      const current = visibleText((await t.http.get(`/plans/${planId}`).expect(200)).text);
      expect(current).toContain('Moved to Birmingham');
      expect(current).toContain('Version 2 · Approved');
    });

    it('records who added the plan and each section saved (that section only) in the audit history', async () => {
      const res = await t.http
        .post(`/nodes/${org.unitId}/plans`)
        .type('form')
        .send({ title: 'Audited plan', site_id: '', owner_id: String(org.ownerId), protective_marking: 'OFFICIAL', copy_from: '' })
        .expect(303);
      const planId = Number(/\/plans\/(\d+)/.exec(res.headers.location as string)?.[1]);
      const { hidden } = await openSection(planId, 'incidentLog');
      await t.http.post(`/plans/${planId}/sections/incidentLog`).type('form').send({ ...hidden, log_keeper: 'Sam Lee' }).expect(303);
      const draft = await draftOf(planId);
      const events = await t.handle.db.selectFrom('audit_events').selectAll().where('entity_type', 'in', ['plan', 'plan_version']).orderBy('id').execute();
      const ofPlan = events.filter((e) => (e.entity_type === 'plan' && e.entity_id === planId) || (e.entity_type === 'plan_version' && e.entity_id === draft?.id));
      expect(ofPlan.map((e) => [e.entity_type, e.action])).toEqual([['plan', 'create'], ['plan_version', 'create'], ['plan_version', 'update']]);
      const saved = ofPlan[2];
      expect(Object.keys(JSON.parse(saved?.after ?? '{}') as object)).toEqual(['incidentLog']);
      expect(saved?.actor_name).not.toBe('');
    });

    it('refuses an approval of a draft that changed since the page was opened', async () => {
      const planId = await addPlan(t.handle.db, org, 'BCP-APPROVE-3', completePlanContent());
      const opened = await draftOf(planId);
      if (!opened) throw new Error('no draft');
      const { hidden } = await openSection(planId, 'exercising');
      await t.http.post(`/plans/${planId}/sections/exercising`).type('form').send({ ...hidden, required_tests: ['call_cascade', 'live'], maintenance: 'Monthly' }).expect(303);
      const res = await t.http.post(`/plans/${planId}/approve`).type('form').send(approval(opened)).expect(409);
      expect(visibleText(res.text)).toContain('changed the draft after this page was opened');
      expect((await versionsOf(planId)).map((v) => v.status)).toEqual(['draft']);
    });

    it('refuses an approval dated in the future or by nobody known', async () => {
      const planId = await addPlan(t.handle.db, org, 'BCP-APPROVE-4', completePlanContent());
      const draft = await draftOf(planId);
      if (!draft) throw new Error('no draft');
      const res = await t.http
        .post(`/plans/${planId}/approve`)
        .type('form')
        .send(approval(draft, { approved_on: '2027-01-01', approver_id: '99999', change_summary: 'Kept summary' }))
        .expect(400);
      expect(res.text).toContain('Date approved must be today or in the past');
      expect(res.text).toContain('Select who approved the plan from the list');
      expect(res.text).toContain('Kept summary');
      expect((await versionsOf(planId)).map((v) => v.status)).toEqual(['draft']);
    });
  });
});

describe('who may do what with a plan', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  it('shows a reader the plan without edit links, and offers a coordinator only plans they can read to copy', async () => {
    const planId = await addPlan(t.handle.db, org, 'BCP-READ');
    const other = await t.handle.db.insertInto('nodes').values({ parent_id: org.hqId, kind: 'division', name: 'Other Division', code: 'OTH' }).returning('id').executeTakeFirstOrThrow();
    const hidden = await t.handle.db.transaction().execute((tx) =>
      insertPlan(tx, FIXTURE_CHANGE, { node_id: other.id, site_id: null, ref: 'BCP-HIDDEN', title: 'Hidden plan', owner_id: null, protective_marking: 'OFFICIAL' }, planTemplate()),
    );

    const reader = await signInWith(t.app, t.handle.db, [{ role: 'business_manager', node_id: org.divisionId }]);
    const page = await reader.get(`/plans/${planId}`).expect(200);
    expect(page.text).not.toContain('/sections/');
    expect(page.text).not.toContain('Approve this draft');
    expect((await reader.get(`/nodes/${org.unitId}/plans`).expect(200)).text).not.toContain('Add a plan');

    const coordinator = await signInWith(t.app, t.handle.db, [{ role: 'bcp_coordinator', node_id: org.divisionId }]);
    const form = await coordinator.get(`/nodes/${org.unitId}/plans/new`).expect(200);
    expect(form.text).toContain('BCP-READ');
    expect(form.text).not.toContain('BCP-HIDDEN');
    await coordinator
      .post(`/nodes/${org.unitId}/plans`)
      .type('form')
      .send({ title: 'Copy', site_id: '', owner_id: String(org.ownerId), protective_marking: 'OFFICIAL', copy_from: String(hidden) })
      .expect(400);
  });
});
