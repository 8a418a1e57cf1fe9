import { SharedBrowser } from '../../server/browser/shared-browser';
import { createLogger } from '../../server/logger';
import { createPlanPrinter } from '../../server/print/plan-printer';
import { addPlanWithApprovals } from '../support/exercise-fixtures';
import { seedBasicOrganisation } from '../support/fixtures';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';

interface LogLine {
  level: number;
  msg: string;
  userId?: number;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
  err?: { type: string; message: string; stack: string };
}

describe('the request log', () => {
  const lines: LogLine[] = [];
  let t: TestApp;
  beforeAll(async () => {
    const logger = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
    // A Chromium that is not there: every print fails as a real missing browser does.
    const printer = createPlanPrinter({ browser: new SharedBrowser({ launch: { executablePath: '/nonexistent/chromium' } }) });
    t = await startTestApp(TODAY, { logger, printer });
  });
  afterAll(() => t.close());

  const lineFor = (url: string) => lines.filter((l) => l.req?.url === url).at(-1);

  it('writes one line per request with its id, status and the signed-in user', async () => {
    const res = await t.http.get('/').expect(200);
    const line = lineFor('/');
    expect(line).toMatchObject({ level: 30, req: { method: 'GET', url: '/' }, res: { statusCode: 200 } });
    expect(line?.userId).toEqual(expect.any(Number));
    expect(res.headers['x-request-id']).toBe(line?.req?.id);
    expect(JSON.stringify(lines)).not.toContain('bulwark_session=');
  });

  it('logs a print failure (503) as an error with its cause', async () => {
    const org = await seedBasicOrganisation(t.handle.db);
    const planId = await addPlanWithApprovals(t.handle.db, org, { approvals: ['2026-06-01'] });
    await t.http.get(`/plans/${planId}.pdf`).expect(503);
    const line = lineFor(`/plans/${planId}.pdf`);
    expect(line).toMatchObject({ level: 50, res: { statusCode: 503 }, err: { type: 'PrintError' } });
    // The cause (the browser that could not start) is in the logged error, not only its message.
    expect(line?.err?.stack).toMatch(/nonexistent/);
  });

  it('logs a refusal (4xx) as a warning without a stack', async () => {
    await t.http.get('/plans/999999').expect(404);
    expect(lineFor('/plans/999999')).toMatchObject({ level: 40, res: { statusCode: 404 } });
    expect(lineFor('/plans/999999')?.err).toBeUndefined();
  });
});
