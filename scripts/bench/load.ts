// Load from autocannon: fixed connections, fixed duration, loopback only. Every figure comes
// with the server's CPU time per request, read from /proc around the run.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { cpuMs } from './server-process';

export interface LoadFigures {
  /** autocannon's median and 99th percentile, in whole ms (its histogram's resolution). */
  p50: number;
  p99: number;
  /** Mean latency from the throughput (Little's law: connections / requests per second), in ms: finer than whole ms. */
  mean: number;
  rps: number;
  requests: number;
  /** The server's user+system CPU per request, in ms; NaN when there is no server process to watch. */
  cpuPerRequest: number;
  bytes: number;
  statuses: Record<string, number>;
  errors: number;
  /** Seconds the run took. */
  seconds: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Either a fixed duration or a fixed number of requests (every one answered before the run ends). */
  durationSeconds?: number;
  amount?: number;
  headers?: Record<string, string>;
  /** The process whose CPU is charged to the requests. */
  pid?: number;
  method?: 'GET' | 'POST';
  /** Builds each request's body (and may change its path): writes vary per request. */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
  expectStatus?: number;
}

function statusCounts(result: autocannon.Result): Record<string, number> {
  return Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]));
}

export async function load(options: LoadOptions): Promise<LoadFigures> {
  const before = options.pid ? cpuMs(options.pid) : NaN;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationSeconds }),
    headers: options.headers,
    method: options.method ?? 'GET',
    requests: options.setupRequest ? [{ setupRequest: options.setupRequest }] : undefined,
    // Bounded: a request taking longer than this counts as an error rather than stalling the run.
    timeout: 30,
  });
  const after = options.pid ? cpuMs(options.pid) : NaN;
  const completed = result.requests.total;
  const statuses = statusCounts(result);
  const expected = options.expectStatus ?? 200;
  if ((statuses[String(expected)] ?? 0) === 0) throw new Error(`${options.url} never answered ${expected}: ${JSON.stringify(statuses)}`);
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: (options.connections * 1000 * result.duration) / Math.max(completed, 1e-9),
    rps: completed / Math.max(result.duration, 1e-9),
    requests: completed,
    cpuPerRequest: (after - before) / Math.max(completed, 1),
    bytes: result.throughput.total / Math.max(completed, 1),
    statuses,
    errors: result.errors,
    seconds: result.duration,
  };
}

/** The HTTP floor: a bare node:http server in its own process sending these bytes to every request. */
/**
 * A bare server in its own process sending `body` to every request, for `work` to load: node:http
 * (the HTTP floor), or an Express app with nothing but one route (the framework floor: what
 * Express itself costs before any of Bulwark's middleware, SQL or views).
 */
export async function withHttpFloor<T>(body: string, contentType: string, port: number, work: (url: string, pid: number) => Promise<T>, server: 'node:http' | 'express' = 'node:http'): Promise<T> {
  const file = `${process.env.TMPDIR ?? '/tmp'}/bulwark-floor-${port}.body`;
  fs.writeFileSync(file, body);
  const headers = `{ 'Content-Type': ${JSON.stringify(contentType)}, 'Content-Length': body.length, 'Cache-Control': 'no-store' }`;
  const code = server === 'express'
    ? `
    const express = require(${JSON.stringify(require.resolve('express'))});
    const body = require('node:fs').readFileSync(${JSON.stringify(file)});
    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    app.get('/', (req, res) => { res.set(${headers}).send(body); });
    app.listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));`
    : `
    const http = require('node:http');
    const body = require('node:fs').readFileSync(${JSON.stringify(file)});
    http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, ${headers});
        res.end(body);
      });
    }).listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.once('data', () => resolve());
      child.once('exit', (exitCode) => reject(new Error(`the floor server exited with ${exitCode}`)));
    });
    return await work(`http://127.0.0.1:${port}/`, child.pid as number);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }
    fs.rmSync(file, { force: true });
  }
}
