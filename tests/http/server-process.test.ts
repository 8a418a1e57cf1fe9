import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../../server/config';

// The server as it really runs: its own process, its own configuration, real signals.

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    }).on('error', reject);
  });
}

function startServer(env: Record<string, string>): { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'server/main.ts')], {
    cwd: ROOT_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the server process', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-process-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses to start on a wrong setting, naming the variable', async () => {
    const server = startServer({ SECURE_COOKIES: 'yes', DATABASE_PATH: path.join(dir, 'bad.sqlite') });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('SECURE_COOKIES must be 1 or 0');
    expect(fs.existsSync(path.join(dir, 'bad.sqlite'))).toBe(false);
  });

  it('on SIGTERM finishes the request in flight, accepts no new one, logs it and exits 0', async () => {
    const port = await freePort();
    const server = startServer({ PORT: String(port), DATABASE_PATH: path.join(dir, 'b.sqlite'), LOG_LEVEL: 'info' });
    try {
      await until(() => server.output().includes('Bulwark is running'), 30_000);
      // A request half sent: its headers are in, its body is still coming.
      const socket = net.connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      const body = 'email=someone%40example.gov.uk&password=x';
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(`POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
      await new Promise((r) => setTimeout(r, 300));
      server.child.kill('SIGTERM');
      await until(() => server.output().includes('stopping'), 5_000);
      // No new connection is accepted while the old request finishes.
      const refused = await new Promise<boolean>((resolve) => {
        const late = net.connect(port, '127.0.0.1');
        late.on('connect', () => { late.destroy(); resolve(false); });
        late.on('error', () => resolve(true));
      });
      expect(refused).toBe(true);
      expect(server.child.exitCode).toBeNull();
      socket.write(body.slice(10));
      await until(() => /\r\n\r\n/.test(answer), 5_000);
      // Refused for want of a CSRF token, which proves it was read and answered in full.
      expect(answer).toMatch(/^HTTP\/1\.1 403/);
      expect(await server.exited).toBe(0);
      const lines = server.output().trim().split('\n').map((l) => JSON.parse(l) as { msg: string; req?: { method: string; url: string; id: string }; res?: { statusCode: number } });
      const request = lines.find((l) => l.req?.url === '/sign-in');
      expect(request).toMatchObject({ req: { method: 'POST' }, res: { statusCode: 403 } });
      expect(request?.req?.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines.at(-1)?.msg).toBe('stopped');
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});
