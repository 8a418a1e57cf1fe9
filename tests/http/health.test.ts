import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /healthz', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers with the version and a database that answers', async () => {
    const res = await t.http.get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), database: 'ok' });
  });
});

describe('files of public/', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('are served by name, cached for an hour, while page paths never look for one', async () => {
    const css = await t.http.get('/bulwark.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toBe('public, max-age=3600');
    await t.http.get('/no-such-file.css').expect(404);
    // The home page is the app's, not an index.html looked for in public/.
    expect((await t.http.get('/').expect(200)).headers['cache-control']).toBe('no-store');
  });
});
