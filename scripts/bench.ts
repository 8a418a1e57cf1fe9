// npm run bench: the national dataset against the real compiled server, with its floors.
// Builds (or reuses) the dataset for the seed and day, starts `node dist/server/main.js` on a
// loopback port, and measures each page with autocannon (fixed connections and duration),
// review saves and risk edits under load (conflicts apart, and the database counted against
// the saves acknowledged), a plan PDF and a division's pack, start-up and peak memory. Beside
// each figure: the HTTP floor (a bare node:http server sending the same bytes), the data floor
// (the page's SQL on better-sqlite3, prepared once) and the print floor (a bare page.pdf).
// Writes a Markdown report to bench/results/ (and latest.md).
//
// Usage: npm run bench [-- --smoke] [--seed N] [--duration S] [--connections C] [--out DIR]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../db/connection';
import { migrations } from '../db/migrations';
import { hashPassword } from '../server/access/passwords';
import { systemClock, today } from '../server/clock';
import { createLogger } from '../server/logger';
import { buildNationalDataset, BENCH_PASSWORD, NATIONAL, SMOKE, type DatasetSummary } from './bench/national-dataset';
import { dataFloor, printFloor, type CapturedStatement, type PrintJob } from './bench/floors';
import { load, withHttpFloor, type LoadFigures } from './bench/load';
import { computedFigures, type ComputedFigure } from './bench/computed';
import { machine, peakRssMb, startServer, watchChildPeak, type ServerProcess } from './bench/server-process';
import { prepareReturnRegister, snapshotBytesPerRisk, type ReturnBench } from './bench/returns';
import { spreadsheetFigures, type SpreadsheetFigures } from './bench/spreadsheets';

const ROOT = path.join(__dirname, '..');

interface Args { smoke: boolean; seed: number; duration: number; connections: number; out: string; writes: number }

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const index = argv.indexOf(name);
    return index === -1 ? undefined : argv[index + 1];
  };
  const smoke = argv.includes('--smoke');
  return {
    smoke,
    seed: Number(value('--seed') ?? 2026),
    duration: Number(value('--duration') ?? (smoke ? 1 : 4)),
    connections: Number(value('--connections') ?? 10),
    // Writes are a fixed number, so every one is answered and the database can be counted against them.
    writes: Number(value('--writes') ?? (smoke ? 30 : 1500)),
    out: value('--out') ?? path.join(ROOT, 'bench/results'),
  };
}

/** The dataset for a seed and day, built once and kept under data/bench/ (it takes a while at national scale). */
async function dataset(args: Args, day: string): Promise<{ file: string; summary: DatasetSummary; buildMs: number | null }> {
  const scale = args.smoke ? SMOKE : NATIONAL;
  const key = createHash('sha256')
    .update(JSON.stringify({ scale, migrations: Object.keys(migrations) }))
    .update(fs.readFileSync(path.join(__dirname, 'bench/national-dataset.ts')))
    .update(fs.readdirSync(path.join(ROOT, 'db/migrations')).map((f) => fs.readFileSync(path.join(ROOT, 'db/migrations', f), 'utf8')).join())
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(ROOT, 'data/bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${args.smoke ? 'smoke' : 'national'}-${args.seed}-${day}-${key}.sqlite`);
  if (fs.existsSync(file) && fs.existsSync(`${file}.json`)) {
    return { file, summary: JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as DatasetSummary, buildMs: null };
  }
  const started = process.hrtime.bigint();
  const building = `${file}.building`;
  fs.rmSync(building, { force: true });
  const handle = openDatabase(building);
  await migrateToLatest(handle.db);
  const summary = buildNationalDataset(handle.sqlite, { seed: args.seed, today: day, scale, passwordHash: await hashPassword(BENCH_PASSWORD) });
  handle.sqlite.pragma('optimize');
  await handle.close();
  fs.renameSync(building, file);
  fs.writeFileSync(`${file}.json`, JSON.stringify(summary));
  return { file, summary, buildMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function signIn(base: string, email: string): Promise<{ cookie: string; csrf: string }> {
  const form = await fetch(`${base}/sign-in`);
  const csrfCookie = /bulwark_csrf=[^;]+/.exec(form.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: token, email, password: BENCH_PASSWORD }),
  });
  const cookie = /bulwark_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (response.status !== 303 || !cookie) throw new Error(`sign-in as ${email} answered ${response.status}`);
  const home = await (await fetch(`${base}/`, { headers: { Cookie: cookie }, redirect: 'manual' })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1];
  if (!csrf) throw new Error('no form token on the home page');
  return { cookie, csrf };
}

interface PageRow { name: string; path: string; aim: string; check: (f: LoadFigures, floor: LoadFigures) => boolean }
interface PageResult extends PageRow { figures: LoadFigures; floor: LoadFigures; data: { ms: number; statements: number; rows: number }; bytes: number }

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const day = today(systemClock);
  const box = machine();
  const loadAtStart = box.load();
  const { file: datasetFile, summary, buildMs } = await dataset(args, day);
  console.log(`dataset: ${summary.nodes} nodes, ${summary.risks} risks, ${summary.reviews} reviews, ${summary.actions} actions, ${summary.plans} plans${buildMs === null ? ' (reused)' : ` (built in ${fmt(buildMs / 1000)} s)`}`);

  const build = spawnSync('bash', [path.join(ROOT, 'scripts/build.sh')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the server did not build');

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-bench-'));
  const databasePath = path.join(work, 'bench.sqlite');
  fs.copyFileSync(datasetFile, databasePath);
  // A register of the division's open risks (up to 600) reviewed in three quarters, for the quarterly return's rows.
  const prepared = openDatabase(databasePath);
  const returnBench = prepareReturnRegister(prepared.sqlite, summary.divisionId, day);
  prepared.sqlite.close();
  const port = 3300 + Math.floor(Math.random() * 500);
  const logFile = path.join(work, 'server.log');
  const floorPort = port + 1;
  let server: ServerProcess | undefined;
  try {
    // Start-up: from spawn to the first healthy answer, on the national database, three times.
    const starts: number[] = [];
    for (let n = 0; n < (args.smoke ? 1 : 3); n++) {
      if (server) await server.stop();
      server = await startServer({ root: ROOT, databasePath, port, logFile });
      starts.push(server.startMs);
    }
    const live = server as ServerProcess;
    const startMs = [...starts].sort((a, b) => a - b)[Math.floor(starts.length / 2)] as number;
    console.log(`start-up: ${starts.map((s) => fmt(s, 0)).join(', ')} ms`);

    const hq = await signIn(live.base, summary.users.hq);

    // The quarterly return: submitted by the division's business manager for three quarters, one after another.
    const manager = await signIn(live.base, summary.users.divisionManager);
    const submits: number[] = [];
    for (const quarter of returnBench.quarters) {
      const started = process.hrtime.bigint();
      const response = await fetch(`${live.base}/registers/${returnBench.registerId}/returns/${quarter}/submit`, {
        method: 'POST', redirect: 'manual',
        headers: { Cookie: manager.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: manager.csrf }),
      });
      await response.text();
      if (response.status !== 303) throw new Error(`submitting the ${quarter} return answered ${response.status}`);
      submits.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const sized = openDatabase(databasePath);
    const snapshotSize = snapshotBytesPerRisk(sized.sqlite, returnBench.registerId);
    sized.sqlite.close();
    const submitMs = [...submits].sort((a, b) => a - b)[Math.floor(submits.length / 2)] as number;
    console.log(`return submissions (${returnBench.risks} risks): ${submits.map((v) => fmt(v, 0)).join(', ')} ms; snapshot ${fmt(snapshotSize.bytes / 1024, 0)} KiB, ${fmt(snapshotSize.perRisk, 0)} bytes per risk`);
    const pages: PageRow[] = [
      { name: 'Home (HQ)', path: '/', aim: '≤ 50 ms median', check: (f) => f.p50 <= 50 },
      { name: `Division register (${summary.divisionRisks} risks, first page)`, path: `/nodes/${summary.divisionId}?scope=all`, aim: '≤ 50 ms, ≤ 3× HTTP floor', check: (f, floor) => f.p50 <= 50 && f.mean <= 3 * floor.mean },
      { name: `Organisation register (${summary.risks} risks, first page)`, path: `/nodes/${summary.hqId}?scope=all`, aim: '≤ 50 ms, ≤ 3× HTTP floor', check: (f, floor) => f.p50 <= 50 && f.mean <= 3 * floor.mean },
      { name: 'Risk page', path: `/risks/${summary.riskId}`, aim: '≤ 10 ms', check: (f) => f.p50 <= 10 },
      { name: 'Plan page', path: `/plans/${summary.planId}`, aim: '≤ 10 ms', check: (f) => f.p50 <= 10 },
      { name: "Coordinator's board, division", path: `/nodes/${summary.divisionId}/plans/board`, aim: '≤ 100 ms', check: (f) => f.p50 <= 100 },
      { name: "Coordinator's board, organisation", path: `/nodes/${summary.hqId}/plans/board`, aim: '≤ 100 ms', check: (f) => f.p50 <= 100 },
      { name: 'Likely duplicates page, division', path: `/nodes/${summary.divisionId}/duplicates`, aim: '≤ 100 ms', check: (f) => f.p50 <= 100 },
      { name: `Quarterly return as submitted (${returnBench.risks} risks, first page)`, path: `/registers/${returnBench.registerId}/returns/${returnBench.quarters[0] ?? ''}`, aim: '≤ 50 ms', check: (f) => f.p50 <= 50 },
      { name: 'Dashboard, organisation (HQ)', path: `/nodes/${summary.hqId}/dashboard`, aim: '≤ 100 ms median', check: (f) => f.p50 <= 100 },
      { name: 'Dashboard, division', path: `/nodes/${summary.divisionId}/dashboard`, aim: '≤ 100 ms median', check: (f) => f.p50 <= 100 },
      { name: "HQ's table of returns, organisation", path: `/nodes/${summary.hqId}/returns?quarter=${returnBench.quarters[0] ?? ''}`, aim: '≤ 50 ms', check: (f) => f.p50 <= 50 },
      // What a subscribed calendar fetches (a secret feed builds the same calendar after one lookup): docs/calendar-feeds.md.
      { name: 'Calendar, organisation (.ics)', path: `/nodes/${summary.hqId}/exercises.ics`, aim: '≤ 200 ms median', check: (f) => f.p50 <= 200 },
    ];

    // Each page's SQL, recorded by an app in this process on the same database.
    const captured = await captureStatements(databasePath, pages.map((p) => p.path), hq.cookie);

    const results: PageResult[] = [];
    for (const [index, page] of pages.entries()) {
      const url = `${live.base}${page.path}`;
      const first = await fetch(url, { headers: { Cookie: hq.cookie }, redirect: 'manual' });
      const body = await first.text();
      if (first.status !== 200) throw new Error(`${page.path} answered ${first.status}`);
      const run = args.smoke ? { amount: 30 } : { durationSeconds: args.duration };
      const figures = await load({ url, connections: args.connections, ...run, headers: { Cookie: hq.cookie }, pid: live.pid });
      await settle(live.base);
      const floor = await withHttpFloor(body, first.headers.get('content-type') ?? 'text/html', floorPort + index, (floorUrl) =>
        load({ url: floorUrl, connections: args.connections, ...(args.smoke ? { amount: 30 } : { durationSeconds: Math.max(1, Math.round(args.duration / 2)) }) }));
      const data = dataFloor(databasePath, captured[index] ?? [], args.smoke ? 20 : 200);
      results.push({ ...page, figures, floor, data, bytes: Buffer.byteLength(body) });
      console.log(`${page.name}: median ${figures.p50} ms (mean ${fmt(figures.mean)}), ${fmt(figures.rps, 0)}/s, ${fmt(figures.cpuPerRequest, 2)} ms CPU, ${fmt(Buffer.byteLength(body) / 1024, 0)} KiB; HTTP floor ${fmt(floor.mean, 2)} ms; data floor ${fmt(data.ms, 2)} ms`);
    }

    // The framework floor: the risk page's bytes from bare node:http and from a bare Express app
    // with one route, each with its CPU per request: what Express costs before any of Bulwark.
    const riskBody = await (await fetch(`${live.base}/risks/${summary.riskId}`, { headers: { Cookie: hq.cookie } })).text();
    const floorRun = args.smoke ? { amount: 30 } : { durationSeconds: args.duration };
    const frameworkFloor = {
      http: await withHttpFloor(riskBody, 'text/html; charset=utf-8', floorPort + pages.length, (url, pid) => load({ url, connections: args.connections, ...floorRun, pid })),
      express: await withHttpFloor(riskBody, 'text/html; charset=utf-8', floorPort + pages.length + 1, (url, pid) => load({ url, connections: args.connections, ...floorRun, pid }), 'express'),
    };
    console.log(`the risk page's bytes: bare node:http ${frameworkFloor.http.p50} ms (${fmt(frameworkFloor.http.cpuPerRequest, 2)} ms CPU), bare Express ${frameworkFloor.express.p50} ms (${fmt(frameworkFloor.express.cpuPerRequest, 2)} ms CPU)`);

    // Spreadsheets: the organisation's register as XLSX and CSV, and import dry runs (nothing applied).
    const sheets = await spreadsheetFigures(live, hq, summary, args.smoke);
    console.log(`XLSX of ${sheets.xlsx.rows} risks: ${fmt(sheets.xlsx.median, 0)} ms, ${fmt(sheets.xlsx.bytes / 1024 / 1024)} MB, server memory +${fmt(sheets.xlsx.memoryGrowthMb, 0)} MB; dry runs: ${sheets.divisionDryRun.rows} rows ${fmt(sheets.divisionDryRun.median, 0)} ms, ${sheets.bigDryRun.rows} rows ${fmt(sheets.bigDryRun.median, 0)} ms`);

    // Writes under load: review saves, then risk edits; every tenth sends a stale version on purpose.
    const openRisks = openRiskIds(databasePath);
    const half = Math.floor(openRisks.length / 2);
    const reviews = await loadWrites(live, hq, args, openRisks.slice(0, half), 'review', summary.reviewerId, day, databasePath);
    console.log(`review saves: ${fmt(reviews.saved.rps, 0)}/s saved, ${reviews.saved.conflicts} conflicts, ${reviews.saved.other} other; database holds ${reviews.counted} of ${reviews.saved.saved} acknowledged`);
    const edits = await loadWrites(live, hq, args, openRisks.slice(half), 'edit', summary.reviewerId, day, databasePath);
    console.log(`risk edits: ${fmt(edits.saved.rps, 0)}/s saved, ${edits.saved.conflicts} conflicts, ${edits.saved.other} other; database holds ${edits.counted} of ${edits.saved.saved} acknowledged`);

    // Printing: one plan, then the division's pack, each against a bare page.pdf of the same HTML.
    const printRuns = args.smoke ? 1 : 5;
    const plan = await timeRequests(`${live.base}/plans/${summary.planId}.pdf`, hq.cookie, printRuns);
    // The smoke run prints one plan only: a pack takes seconds on its own.
    const pack = args.smoke ? { median: NaN, bytes: NaN } : await timeRequests(`${live.base}/nodes/${summary.divisionId}/plans.pdf`, hq.cookie, 3);
    const [planFloor, packFloor] = await printFloor(await printJobs(databasePath, summary, !args.smoke), args.smoke ? 1 : 5);
    // The division's register pack: once in the smoke run (its data is small), three times on the national data.
    const registerPack = await timeRequests(`${live.base}/nodes/${summary.divisionId}/register.pdf`, hq.cookie, args.smoke ? 1 : 3);
    console.log(`register pack of the division (${summary.divisionRisks} risks) ${fmt(registerPack.median, 0)} ms, ${fmt(registerPack.bytes / 1024, 0)} KiB`);
    // The organisation's register pack (every open risk in the full register, read 400 rows at a time): once, it is the longest print there is.
    const joiner = watchChildPeak(live.pid, 'join-worker');
    const organisationPack = await timeRequests(`${live.base}/nodes/${summary.hqId}/register.pdf`, hq.cookie, 1);
    const joinerPeak = joiner.stop();
    console.log(`register pack of the organisation (${summary.openRisks} open risks) ${fmt(organisationPack.median, 0)} ms, ${fmt(organisationPack.bytes / 1024, 0)} KiB`);
    console.log(`plan PDF ${fmt(plan.median, 0)} ms (floor ${fmt(planFloor ?? NaN, 0)}), pack ${fmt(pack.median, 0)} ms (floor ${fmt(packFloor ?? NaN, 0)})`);

    const computed = await computedFigures(databasePath, summary.divisionId, day, args.smoke ? 2 : 7);
    for (const c of computed) console.log(`${c.name}: ${fmt(c.coldMs, 1)} ms cold, ${fmt(c.warmMs, 1)} ms warm, ${c.count} ${c.unit}`);

    const peak = peakRssMb(live.pid);
    const loadAtEnd = box.load();
    await live.stop();
    server = undefined;

    const report = writeReport({
      args, day, box, loadAtStart, loadAtEnd, summary, buildMs, startMs, starts, results, frameworkFloor, reviews, edits, plan, pack, sheets, registerPack, organisationPack,
      planFloor: planFloor ?? NaN, packFloor: packFloor ?? NaN, peak, joinerPeak, computed, returnBench, submits, submitMs, snapshotSize,
    });
    fs.mkdirSync(args.out, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
    const name = `${stamp}-${args.smoke ? 'smoke' : 'national'}.md`;
    fs.writeFileSync(path.join(args.out, name), report);
    fs.writeFileSync(path.join(args.out, args.smoke ? 'latest-smoke.md' : 'latest.md'), report);
    console.log(`\n${report}\nwritten to ${path.join(args.out, name)}`);
    if (reviews.counted !== reviews.saved.saved || edits.counted !== edits.saved.saved) throw new Error('the database does not hold every acknowledged save');
  } finally {
    await server?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Waits for requests still running when a timed run ended, so they do not count against the next. */
async function settle(base: string): Promise<void> {
  for (let n = 0; n < 3; n++) {
    await (await fetch(`${base}/healthz`)).text();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Requests each page once through an app in this process, recording the statements it runs. */
async function captureStatements(databasePath: string, paths: string[], cookie: string): Promise<CapturedStatement[][]> {
  const { createApp } = await import('../server/app');
  const { createPlanPrinter } = await import('../server/print/plan-printer');
  let current: CapturedStatement[] = [];
  const handle = openDatabase(databasePath, { onQuery: (sql, parameters) => current.push({ sql, parameters }) });
  const printer = createPlanPrinter();
  const app = createApp({ db: handle.db, clock: systemClock, cookies: { secure: false }, printer, publicBaseUrl: 'http://127.0.0.1', logger: createLogger('silent') });
  app.enable('view cache');
  const listening = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => listening.once('listening', resolve));
  const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  try {
    const all: CapturedStatement[][] = [];
    for (const page of paths) {
      // Once to warm any cache, as the measured server is warm; the second request's statements count.
      current = [];
      await (await fetch(`${base}${page}`, { headers: { Cookie: cookie } })).text();
      const measured: CapturedStatement[] = [];
      current = measured;
      const response = await fetch(`${base}${page}`, { headers: { Cookie: cookie } });
      await response.text();
      current = [];
      if (response.status !== 200) throw new Error(`${page} answered ${response.status} in process`);
      all.push(measured);
    }
    return all;
  } finally {
    listening.close();
    await printer.close();
    await handle.close();
  }
}

function openRiskIds(databasePath: string): number[] {
  const handle = openDatabase(databasePath);
  try {
    return (handle.sqlite.prepare("SELECT id FROM risks WHERE status = 'open' AND version = 1 ORDER BY id").all() as { id: number }[]).map((r) => r.id);
  } finally {
    handle.sqlite.close();
  }
}

interface WriteFigures { rps: number; saved: number; conflicts: number; other: number; p50: number; cpuPerRequest: number; statuses: Record<string, number> }

/**
 * Concurrent saves, each to a risk not saved before (so its version is 1), every tenth to one
 * already sent (a stale version: 409). Afterwards the database is counted: every save
 * acknowledged (303) must be there, and nothing else.
 */
async function loadWrites(server: ServerProcess, who: { cookie: string; csrf: string }, args: Args, riskIds: number[], kind: 'review' | 'edit', reviewerId: number, day: string, databasePath: string) {
  const handle = openDatabase(databasePath);
  const values = new Map((handle.sqlite.prepare(`SELECT * FROM risks WHERE id IN (${riskIds.map(() => '?').join(',')})`).all(...riskIds) as Record<string, string | number | null>[]).map((r) => [Number(r.id), r]));
  handle.sqlite.close();
  const marker = kind === 'review' ? 'Bench review' : '(edited in the bench)';
  let next = 0;
  let sent = 0;
  const sentIds: number[] = [];
  const figures = await load({
    url: `${server.base}/`,
    connections: args.connections,
    amount: Math.min(args.writes, riskIds.length),
    pid: server.pid,
    method: 'POST',
    expectStatus: 303,
    setupRequest: (request) => {
      sent += 1;
      const stale = sent % 10 === 0 && sentIds.length > 0;
      const riskId = stale ? (sentIds[sent % sentIds.length] as number) : (riskIds[next++ % riskIds.length] as number);
      if (!stale) sentIds.push(riskId);
      const risk = values.get(riskId) ?? {};
      const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
      const body: Record<string, string> = kind === 'review'
        ? { reviewed_on: day, reviewer_id: String(reviewerId), current_likelihood: text(risk.current_likelihood), current_impact: text(risk.current_impact), commentary: `${marker} ${sent}: controls checked at the quarterly meeting, no change`, mitigating_action: 'Weekly checks continued', further_action: '', still_valid: 'yes', version: '1' }
        : {
          title: `${text(risk.title).slice(0, 150)} ${marker}`, cause: text(risk.cause), event: text(risk.event), effect: text(risk.effect), category_id: text(risk.category_id), objective_id: text(risk.objective_id),
          owner_id: text(risk.owner_id), manager_id: text(risk.manager_id), identified_on: text(risk.identified_on), treatment: text(risk.treatment), influence: text(risk.influence),
          inherent_likelihood: text(risk.inherent_likelihood), inherent_impact: text(risk.inherent_impact), current_likelihood: text(risk.current_likelihood), current_impact: text(risk.current_impact),
          target_likelihood: text(risk.target_likelihood), target_impact: text(risk.target_impact), existing_controls: text(risk.existing_controls), status: 'open', closed_on: '', closure_reason: '', version: '1',
        };
      return {
        ...request,
        method: 'POST',
        path: kind === 'review' ? `/risks/${riskId}/reviews` : `/risks/${riskId}`,
        headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: who.csrf, ...body }).toString(),
      };
    },
  });
  const saved = figures.statuses['303'] ?? 0;
  const conflicts = figures.statuses['409'] ?? 0;
  const check = openDatabase(databasePath);
  const counted = kind === 'review'
    ? (check.sqlite.prepare("SELECT count(*) AS n FROM reviews WHERE commentary LIKE 'Bench review %'").get() as { n: number }).n
    : (check.sqlite.prepare("SELECT count(*) AS n FROM risks WHERE title LIKE '%(edited in the bench)'").get() as { n: number }).n;
  check.sqlite.close();
  const result: WriteFigures = {
    rps: saved / Math.max(figures.seconds, 1e-9),
    saved,
    conflicts,
    other: figures.requests - saved - conflicts,
    p50: figures.p50,
    cpuPerRequest: figures.cpuPerRequest,
    statuses: figures.statuses,
  };
  return { saved: result, counted };
}

async function timeRequests(url: string, cookie: string, runs: number): Promise<{ median: number; bytes: number }> {
  const once = async () => {
    const start = process.hrtime.bigint();
    const response = await fetch(url, { headers: { Cookie: cookie }, redirect: 'manual' });
    const bytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, bytes };
  };
  const warm = await once();
  const samples: number[] = [];
  for (let n = 0; n < runs; n++) samples.push((await once()).ms);
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)] ?? NaN, bytes: warm.bytes };
}

/** The same documents the server prints, as HTML and page options for the bare floor. */
async function printJobs(databasePath: string, summary: DatasetSummary, withPack: boolean): Promise<PrintJob[][]> {
  const { buildPlanPackDocument, buildPlanPrintDocument } = await import('../server/presenters/plan-print');
  const { findLatestApproved } = await import('../server/queries/plans');
  const { loadPlanTemplates, packFrame, planFrame } = await import('../server/print/plan-templates');
  const { PDFDocument } = await import('pdf-lib');
  const handle = openDatabase(databasePath);
  try {
    const templates = loadPlanTemplates();
    const which = (await findLatestApproved(handle.db, summary.planId)) ? 'latest-approved' : 'draft';
    const plan = await buildPlanPrintDocument(handle.db, systemClock, summary.planId, which);
    const planJob = { html: templates.planHtml(plan), options: templates.pdfOptions(planFrame(plan)) };
    if (!withPack) return [[planJob]];
    const pack = await buildPlanPackDocument(handle.db, systemClock, summary.divisionId);
    const planJobs = pack.plans.map((doc) => ({ html: templates.planHtml(doc), options: templates.pdfOptions(planFrame(doc)) }));
    // The contents page needs each plan's length: printed once here, as the printer does.
    const { default: puppeteer } = await import('puppeteer-core');
    const { chromiumLaunchOptions } = await import('../server/browser/chromium');
    const browser = await puppeteer.launch(chromiumLaunchOptions);
    let startsOn = 2;
    const entries = [];
    try {
      const page = await browser.newPage();
      for (const [index, doc] of pack.plans.entries()) {
        const job = planJobs[index] as PrintJob;
        await page.setContent(job.html, { waitUntil: 'load' });
        const pages = (await PDFDocument.load(await page.pdf(job.options))).getPageCount();
        entries.push({ ...planFrame(doc), scope: doc.header.scope, pages, startsOn });
        startsOn += pages;
      }
    } finally {
      await browser.close();
    }
    return [
      [planJob],
      [{ html: templates.packContentsHtml(pack, entries), options: templates.pdfOptions(packFrame(pack)) }, ...planJobs],
    ];
  } finally {
    await handle.close();
  }
}

interface ReportInput {
  /** The risk page's bytes from bare node:http and from a bare Express app with one route. */
  frameworkFloor: { http: LoadFigures; express: LoadFigures };
  args: Args;
  day: string;
  box: ReturnType<typeof machine>;
  loadAtStart: string;
  loadAtEnd: string;
  summary: DatasetSummary;
  buildMs: number | null;
  startMs: number;
  starts: number[];
  results: PageResult[];
  reviews: { saved: WriteFigures; counted: number };
  edits: { saved: WriteFigures; counted: number };
  plan: { median: number; bytes: number };
  pack: { median: number; bytes: number };
  sheets: SpreadsheetFigures;
  registerPack: { median: number; bytes: number };
  organisationPack: { median: number; bytes: number };
  planFloor: number;
  packFloor: number;
  peak: number;
  /** The register pack's joining process (a child of the server) at its largest, over the organisation's pack. */
  joinerPeak: number;
  computed: ComputedFigure[];
  returnBench: ReturnBench;
  submits: number[];
  submitMs: number;
  snapshotSize: { bytes: number; perRisk: number };
}

function writeReport(r: ReportInput): string {
  const met = (ok: boolean) => (ok ? 'met' : '**missed**');
  const s = r.summary;
  const lines = [
    `# Bulwark benchmark, ${r.args.smoke ? 'smoke dataset' : 'national dataset'}, ${r.day}`,
    '',
    `Machine: ${r.box.cpu}, ${fmt(r.box.memoryGb, 1)} GB memory, Node ${r.box.node}. Load average (1, 5, 15 min) ${r.loadAtStart} at the start, ${r.loadAtEnd} at the end: other work shares these cores, so every figure moves with it.`,
    '',
    `Dataset (seed ${r.args.seed}): ${s.nodes} nodes, ${s.people} people, ${s.risks} risks (${s.openRisks} open), ${s.reviews} reviews, ${s.actions} actions, ${s.plans} plans (${s.planVersions} versions), ${s.exercises} exercises, ${s.findings} findings${r.buildMs === null ? '' : `; built in ${fmt(r.buildMs / 1000)} s`}.`,
    `Load: autocannon, ${r.args.connections} connections, ${r.args.smoke ? '30 requests' : `${r.args.duration} s`} per page (floors ${r.args.smoke ? '30 requests' : `${Math.max(1, Math.round(r.args.duration / 2))} s`}), ${Math.min(r.args.writes, r.summary.openRisks / 2)} of each write, loopback, the compiled server (\`node dist/server/main.js\`, NODE_ENV=production, LOG_LEVEL=info) signed in as an HQ user who reads everything.`,
    '',
    '| page | median | p99 | mean | req/s | CPU per request | size | HTTP floor (mean) | × HTTP floor | data floor | × data floor | aim | |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.results.map((p) => `| ${p.name} | ${p.figures.p50} ms | ${p.figures.p99} ms | ${fmt(p.figures.mean)} ms | ${fmt(p.figures.rps, 0)} | ${fmt(p.figures.cpuPerRequest, 2)} ms | ${fmt(p.bytes / 1024, 0)} KiB | ${fmt(p.floor.mean, 2)} ms | ${fmt(p.figures.mean / p.floor.mean)} | ${fmt(p.data.ms, 2)} ms (${p.data.statements} statements, ${p.data.rows} rows) | ${fmt(p.figures.cpuPerRequest / p.data.ms)} | ${p.aim} | ${met(p.check(p.figures, p.floor))} |`),
    '',
    '| write under load | saved per second | median | CPU per request | conflicts (409) | other answers | database count / acknowledged | aim | |',
    '|---|---|---|---|---|---|---|---|---|',
    `| review saves | ${fmt(r.reviews.saved.rps, 0)} | ${r.reviews.saved.p50} ms | ${fmt(r.reviews.saved.cpuPerRequest, 2)} ms | ${r.reviews.saved.conflicts} | ${r.reviews.saved.other} | ${r.reviews.counted} / ${r.reviews.saved.saved} | ≥ 300/s, none lost | ${met(r.reviews.saved.rps >= 300 && r.reviews.counted === r.reviews.saved.saved)} |`,
    `| risk edits | ${fmt(r.edits.saved.rps, 0)} | ${r.edits.saved.p50} ms | ${fmt(r.edits.saved.cpuPerRequest, 2)} ms | ${r.edits.saved.conflicts} | ${r.edits.saved.other} | ${r.edits.counted} / ${r.edits.saved.saved} | none lost | ${met(r.edits.counted === r.edits.saved.saved)} |`,
    '',
    '| other | figure | floor | × floor | aim | |',
    '|---|---|---|---|---|---|',
    `| the risk page's bytes from bare node:http (median; CPU per request) | ${r.frameworkFloor.http.p50} ms; ${fmt(r.frameworkFloor.http.cpuPerRequest, 2)} ms | | | | |`,
    `| the same from a bare Express app with one route, the framework floor (median; CPU per request) | ${r.frameworkFloor.express.p50} ms; ${fmt(r.frameworkFloor.express.cpuPerRequest, 2)} ms | ${r.frameworkFloor.http.p50} ms (node:http) | ${fmt(r.frameworkFloor.express.cpuPerRequest / r.frameworkFloor.http.cpuPerRequest, 1)} (CPU) | | |`,
    `| one plan PDF (warm browser, median) | ${fmt(r.plan.median, 0)} ms, ${fmt(r.plan.bytes / 1024, 0)} KiB | ${fmt(r.planFloor, 0)} ms (bare page.pdf) | ${fmt(r.plan.median / r.planFloor, 2)} | | |`,
    `| division's plan pack (median) | ${fmt(r.pack.median, 0)} ms, ${fmt(r.pack.bytes / 1024, 0)} KiB | ${fmt(r.packFloor, 0)} ms (bare page.pdf of each document) | ${fmt(r.pack.median / r.packFloor, 2)} | | |`,
    `| division's register pack, ${r.summary.divisionRisks} risks (median) | ${fmt(r.registerPack.median, 0)} ms, ${fmt(r.registerPack.bytes / 1024, 0)} KiB | | | ≤ 5 s | ${met(r.registerPack.median <= 5000)} |`,
    `| organisation's register pack, ${r.summary.openRisks} open risks (one print) | ${fmt(r.organisationPack.median, 0)} ms, ${fmt(r.organisationPack.bytes / 1024 / 1024)} MB | | | reported | |`,
    `| quarterly return submitted, ${r.returnBench.risks} risks (median of ${r.submits.length}: ${r.submits.map((v) => fmt(v, 0)).join(', ')} ms; checks, snapshot, findings and hash in one transaction) | ${fmt(r.submitMs, 0)} ms | | | ≤ 500 ms | ${met(r.submitMs <= 500)} |`,
    `| the return's snapshot (canonical JSON) | ${fmt(r.snapshotSize.bytes / 1024, 0)} KiB, ${fmt(r.snapshotSize.perRisk, 0)} bytes per risk | | | | |`,
    `| XLSX of the organisation's register (${r.sheets.xlsx.rows} risks, streamed, median) | ${fmt(r.sheets.xlsx.median, 0)} ms, ${fmt(r.sheets.xlsx.bytes / 1024 / 1024)} MB; server memory +${fmt(r.sheets.xlsx.memoryGrowthMb, 0)} MB | | | < 3 s, memory growth < 100 MB | ${met(r.sheets.xlsx.median < 3000 && r.sheets.xlsx.memoryGrowthMb < 100)} |`,
    `| CSV of the organisation's register (median) | ${fmt(r.sheets.csv.median, 0)} ms, ${fmt(r.sheets.csv.bytes / 1024 / 1024)} MB; server memory +${fmt(r.sheets.csv.memoryGrowthMb, 0)} MB | | | | |`,
    `| import dry run, a division's register as exported (${r.sheets.divisionDryRun.rows} rows, no change) | ${fmt(r.sheets.divisionDryRun.median, 0)} ms | | | | |`,
    `| import dry run, ${r.sheets.bigDryRun.rows} rows (${r.sheets.bigDryRun.changes} changed) | ${fmt(r.sheets.bigDryRun.median, 0)} ms | | | < 5 s | ${met(r.sheets.bigDryRun.median < 5000)} |`,
    `| start-up to first healthy answer (median of ${r.starts.length}: ${r.starts.map((v) => fmt(v, 0)).join(', ')} ms) | ${fmt(r.startMs, 0)} ms | | | ≤ 1 s | ${met(r.startMs <= 1000)} |`,
    `| server peak memory (VmHWM, Chromium apart) | ${fmt(r.peak, 0)} MB | | | ≤ 300 MB | ${met(r.peak <= 300)} |`,
    `| the register pack's joining process, peak memory (VmHWM, the organisation's pack) | ${fmt(r.joinerPeak, 0)} MB | | | reported | |`,
    '',
    '| computed, in process | cold (first call) | warm (median) | result | aim | |',
    '|---|---|---|---|---|---|',
    ...r.computed.map((c) => `| ${c.name} | ${fmt(c.coldMs, 1)} ms | ${fmt(c.warmMs, 1)} ms | ${c.count} ${c.unit} | ${c.aim} | ${c.met === null ? '' : met(c.met)} |`),
    '',
    'Median and p99 are autocannon\'s, in whole milliseconds. Mean is connections ÷ requests per second, finer than whole milliseconds; the × HTTP floor column compares means. CPU per request is the server process\'s user and system time over the run divided by the requests answered. The data floor is the page\'s own statements (recorded from the same app) run on their own better-sqlite3 connection, each prepared once, one after another; × data floor is CPU per request over it.',
    '',
  ];
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
