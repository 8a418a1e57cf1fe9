// Measures the register page of a node with 600 risks (own plus descendants) and a risk page,
// against a real server started as a separate process on a fresh database.
// Usage: npm run bench [-- requests]   (default 200 requests per page, after 20 warm-up requests)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../db/connection';
import { demoOrganisation } from './demo/demo-data';
import { loadDemo } from './demo/load';
import { systemClock } from '../server/clock';

const REQUESTS = Number(process.argv[2] ?? 200);
const TARGET_RISKS = 600;
const PORT = 3300 + Math.floor(Math.random() * 500);

async function prepareDatabase(file: string): Promise<{ nodeId: number; riskId: number; risks: number }> {
  const handle = openDatabase(file);
  await migrateToLatest(handle.db);
  await loadDemo(handle.db, systemClock, demoOrganisation);
  const division = await handle.db.selectFrom('nodes').selectAll().where('kind', '=', 'division').orderBy('id').executeTakeFirstOrThrow();
  const subtree = await handle.db.selectFrom('nodes').select('id').where((eb) => eb.or([eb('id', '=', division.id), eb('parent_id', '=', division.id)])).execute();
  const registers = await handle.db.selectFrom('registers').selectAll().where('node_id', 'in', subtree.map((n) => n.id)).execute();
  const template = await handle.db.selectFrom('risks').selectAll().where('register_id', 'in', registers.map((r) => r.id)).executeTakeFirstOrThrow();
  const existing = await handle.db.selectFrom('risks').select('id').where('register_id', 'in', registers.map((r) => r.id)).execute();
  const { id: _id, version: _v, created_at: _c, updated_at: _u, ...copy } = template;
  await handle.db.transaction().execute(async (tx) => {
    for (let n = existing.length; n < TARGET_RISKS; n++) {
      const register = registers[n % registers.length];
      if (!register) throw new Error('no register');
      const { id } = await tx.insertInto('risks').values({
        ...copy, register_id: register.id, ref_number: 100 + n, title: `${copy.title} (${n})`,
        current_likelihood: 1 + (n % 5), current_impact: 1 + ((n * 3) % 5),
      }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('actions').values({ risk_id: id, description: 'Benchmark action', due_on: '2026-01-01', status: 'in_progress' }).execute();
    }
  });
  await handle.close();
  return { nodeId: division.id, riskId: template.id, risks: TARGET_RISKS };
}

async function waitForServer(base: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}

/** Signs in as the demo admin through the real form; returns the Cookie header to send. */
async function signIn(base: string): Promise<string> {
  const form = await fetch(`${base}/sign-in`);
  const csrfCookie = /bulwark_csrf=[^;]+/.exec(form.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const email = demoOrganisation.people.find((p) => p.key === demoOrganisation.users.find((u) => u.roles.some((r) => r.role === 'hq_reviewer'))?.personKey)?.email ?? '';
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: token, email, password: demoOrganisation.password }),
  });
  const session = /bulwark_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (response.status !== 303 || !session) throw new Error(`sign-in answered ${response.status}`);
  return session;
}

async function time(url: string, cookie: string): Promise<{ median: number; p95: number; bytes: number }> {
  const samples: number[] = [];
  let bytes = 0;
  for (let n = 0; n < REQUESTS + 20; n++) {
    const start = process.hrtime.bigint();
    // Never follow a redirect: a page that sends to sign-in must fail the run, not time the sign-in page.
    const response = await fetch(url, { headers: { Cookie: cookie }, redirect: 'manual' });
    const body = await response.text();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    bytes = body.length;
    if (n >= 20) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), bytes };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-bench-'));
  const file = path.join(dir, 'bench.sqlite');
  const { nodeId, riskId, risks } = await prepareDatabase(file);
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../server/main.ts')], {
    env: { ...process.env, PORT: String(PORT), DATABASE_PATH: file, NODE_ENV: 'production' },
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitForServer(base);
    const cookie = await signIn(base);
    const register = await time(`${base}/nodes/${nodeId}?scope=all`, cookie);
    const risk = await time(`${base}/risks/${riskId}`, cookie);
    console.log(`register page, ${risks} risks (own plus descendants): median ${register.median.toFixed(1)} ms, p95 ${register.p95.toFixed(1)} ms, ${Math.round(register.bytes / 1024)} KiB`);
    console.log(`risk page: median ${risk.median.toFixed(1)} ms, p95 ${risk.p95.toFixed(1)} ms, ${Math.round(risk.bytes / 1024)} KiB`);
    console.log(`${REQUESTS} sequential requests each after 20 warm-up, NODE_ENV=production (view cache on), ${os.cpus().length} cores`);
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
