import fs from 'node:fs';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../db/connection';
import { hashPassword } from '../server/access/passwords';
import { buildNationalDataset, NATIONAL, BENCH_PASSWORD } from './bench/national-dataset';
import { startServer, peakRssMb, cpuMs } from './bench/server-process';
async function main() {
  const file = '/tmp/pdfx/national.sqlite';
  let summary;
  if (!fs.existsSync(file + '.json')) {
    const h = openDatabase(file);
    await migrateToLatest(h.db);
    summary = buildNationalDataset(h.sqlite, { seed: 2026, today: '2026-12-02', scale: NATIONAL, passwordHash: await hashPassword(BENCH_PASSWORD) });
    await h.close();
    fs.writeFileSync(file + '.json', JSON.stringify(summary));
  } else summary = JSON.parse(fs.readFileSync(file + '.json', 'utf8'));
  const server = await startServer({ root: path.resolve(__dirname, '..'), databasePath: file, port: 3999, logFile: '/tmp/pdfx/server.log' });
  const base = server.base;
  const form = await fetch(`${base}/sign-in`);
  const csrfCookie = /bulwark_csrf=[^;]+/.exec(form.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const r = await fetch(`${base}/sign-in`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie }, body: new URLSearchParams({ _csrf: token, email: summary.users.hq, password: BENCH_PASSWORD }) });
  const cookie = /bulwark_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')?.[0] ?? '';
  for (const id of (process.env.ONLY_DIVISION ? [summary.divisionId, summary.divisionId] : [summary.divisionId, summary.hqId])) {
    const cpu0 = cpuMs(server.pid);
    const t0 = Date.now();
    const res = await fetch(`${base}/nodes/${id}/register.pdf`, { headers: { Cookie: cookie } });
    const buf = Buffer.from(await res.arrayBuffer());
    console.log(id, res.status, buf.length, Date.now() - t0, 'ms', 'cpu', cpuMs(server.pid) - cpu0, 'peak', peakRssMb(server.pid));
    fs.writeFileSync(`/tmp/pdfx/orgpack-${id}.pdf`, buf);
  }
  await server.stop();
}
void main();
