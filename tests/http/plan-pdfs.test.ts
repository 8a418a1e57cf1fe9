import { DEMO_PASSWORD, demoOrganisation } from '../../scripts/demo/demo-data';
import { SharedBrowser } from '../../server/browser/shared-browser';
import { createPlanPrinter } from '../../server/print/plan-printer';
import { pdfPages } from '../support/pdf-text';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';
import { signIn } from '../support/users';

// Plans printed through the app: the routes, the versions they choose, who may print, and a
// printer that fails.

const binary = (res: { on(e: string, f: (c: Buffer) => void): void }, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('printing plans through the app', () => {
  let t: TestApp;
  const plan = async (ref: string) => t.handle.db.selectFrom('plans').select(['id', 'node_id']).where('ref', '=', ref).executeTakeFirstOrThrow();
  beforeAll(async () => {
    t = await startTestApp(TODAY, { demo: true });
  });
  afterAll(() => t.close());

  async function printed(path: string): Promise<string[]> {
    const res = await t.http.get(path).buffer(true).parse(binary).expect(200).expect('Content-Type', /application\/pdf/);
    expect(res.headers['cache-control']).toBe('no-store');
    return pdfPages(res.body as Buffer);
  }

  it('prints the version in force, with the plan id, version and page x of y on every page', async () => {
    const { id } = await plan('BCP-SCCTD');
    const versions = await t.handle.db.selectFrom('plan_versions').select(['number', 'status']).where('plan_id', '=', id).execute();
    const current = versions.find((v) => v.status === 'approved')?.number;
    const pages = await printed(`/plans/${id}.pdf`);
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((page, index) => {
      expect(page).toContain('BCP-SCCTD');
      expect(page).toContain(`Version ${current}`);
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page).not.toContain('DRAFT');
    });
  });

  it('prints an older approved version on request, and a draft watermarked', async () => {
    const { id } = await plan('BCP-SCCTD');
    const first = await printed(`/plans/${id}.pdf?version=1`);
    expect(first[0]).toContain('Version 1');
    const draftPlan = await t.handle.db.selectFrom('plan_versions').select('plan_id').where('status', '=', 'draft').executeTakeFirstOrThrow();
    const draft = await printed(`/plans/${draftPlan.plan_id}.pdf?version=draft`);
    for (const page of draft) expect(page).toContain('DRAFT');
    await t.http.get(`/plans/${id}.pdf?version=99`).expect(404);
    await t.http.get(`/plans/${id}.pdf?version=<script>`).expect(404);
    await t.http.get('/plans/987654.pdf').expect(404);
  });

  it('prints every plan of a division in one document, each starting on a new page after a contents page', async () => {
    const { node_id } = await plan('BCP-SCCTD');
    const pages = await printed(`/nodes/${node_id}/plans.pdf`);
    const refs = (await t.handle.db.selectFrom('plans').select('ref').where('ref', 'like', 'BCP-SCCTD%').execute()).map((p) => p.ref);
    expect(refs.length).toBeGreaterThan(2);
    expect(pages[0]).toMatch(/Contents/);
    for (const ref of refs) expect(pages[0]).toContain(ref);
    const starts = refs.map((ref) => pages.findIndex((page, i) => i > 0 && page.includes(ref)));
    expect(starts.every((s) => s > 0)).toBe(true);
  });

  it('prints only what a person may read', async () => {
    const unitManager = demoOrganisation.people.find((p) => p.key === 'rebecca-thorne')?.email ?? '';
    const client = await signIn(t.app, unitManager, DEMO_PASSWORD);
    const other = await plan('BCP-SCCTD');
    await client.get(`/plans/${other.id}.pdf`).expect(403);
    await client.get(`/nodes/${other.node_id}/plans.pdf`).expect(403);
  });
});

describe('a printer that fails', () => {
  let t: TestApp;
  // A 1 ms limit: every render is abandoned, as a hung Chromium's would be.
  const browser = new SharedBrowser({ timeoutMs: 1 });
  beforeAll(async () => {
    t = await startTestApp(TODAY, { printer: createPlanPrinter({ browser }), demo: true });
  });
  // The printer closes only a browser it started itself.
  afterAll(async () => {
    await t.close();
    await browser.close();
  });

  it('shows a clear error page and keeps serving', async () => {
    const { id } = await t.handle.db.selectFrom('plans').select('id').executeTakeFirstOrThrow();
    const res = await t.http.get(`/plans/${id}.pdf`).expect(503);
    expect(res.text).toContain('took too long to print');
    await t.http.get(`/plans/${id}`).expect(200);
    await t.http.get('/healthz').expect(200);
  });
});
