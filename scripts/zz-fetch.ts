import fs from 'node:fs';
import { BENCH_PASSWORD } from './bench/national-dataset';
async function main() {
  const summary = JSON.parse(fs.readFileSync('/tmp/pdfx/national.sqlite.json', 'utf8'));
  const base = 'http://127.0.0.1:3998';
  const form = await fetch(`${base}/sign-in`);
  const csrfCookie = /bulwark_csrf=[^;]+/.exec(form.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const r = await fetch(`${base}/sign-in`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie }, body: new URLSearchParams({ _csrf: token, email: summary.users.hq, password: BENCH_PASSWORD }) });
  const cookie = /bulwark_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')?.[0] ?? '';
  for (const id of process.argv.slice(2).map((w) => (w === 'hq' ? summary.hqId : summary.divisionId))) {
    const t0 = Date.now();
    const res = await fetch(`${base}/nodes/${id}/register.pdf`, { headers: { Cookie: cookie } });
    const buf = Buffer.from(await res.arrayBuffer());
    console.log(id, res.status, buf.length, Date.now() - t0, 'ms');
  }
}
void main();
