import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT_DIR } from '../config';
import type { JoinOptions } from './join-tagged-pdfs';
import type { JoinReply, JoinRequest } from './join-worker';

// The server's side of join-worker.ts: a pack's parts are sent to a process of its own to be
// joined, so the joining's memory is never the server's. One request at a time, in order.

/**
 * Run from TypeScript (tests, `npm run dev`) the worker is its .ts through tsx; compiled, it is
 * dist/server/print/join-worker.js (the server's bundle is one file, so not beside it).
 */
function workerEntry(): { file: string; execArgv: string[] } {
  return __filename.endsWith('.ts')
    ? { file: path.join(__dirname, 'join-worker.ts'), execArgv: ['--import', 'tsx'] }
    : { file: path.join(ROOT_DIR, 'dist/server/print/join-worker.js'), execArgv: [] };
}

export class JoinProcess {
  private waiting: { resolve: (reply: JoinReply) => void; reject: (error: Error) => void } | undefined;
  private ended: Error | undefined;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: JoinReply) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.resolve(reply);
    });
    child.on('exit', (code, signal) => {
      this.ended = new Error(`The register pack's joining stopped (${signal ?? `exit code ${code ?? '?'}`}).`);
      this.waiting?.reject(this.ended);
      this.waiting = undefined;
    });
    child.on('error', (error) => {
      this.ended = error;
      this.waiting?.reject(error);
      this.waiting = undefined;
    });
  }

  static async start(options: JoinOptions): Promise<JoinProcess> {
    const entry = workerEntry();
    const child = fork(entry.file, [], { execArgv: entry.execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const joining = new JoinProcess(child);
    try {
      await joining.ask({ kind: 'start', options }, 'started');
    } catch (error) {
      joining.close();
      throw error;
    }
    return joining;
  }

  /** Adds a part at the end; answers its number of pages. */
  async append(pdf: Uint8Array): Promise<number> {
    return (await this.ask({ kind: 'append', pdf }, 'appended')).pages;
  }

  /** Puts a part in front (once); answers its number of pages. */
  async prepend(pdf: Uint8Array): Promise<number> {
    return (await this.ask({ kind: 'prepend', pdf }, 'prepended')).pages;
  }

  /** The joined pack, its pages numbered, and the most memory the joining took. */
  async finish(): Promise<{ pdf: Uint8Array; peakMb: number }> {
    const reply = await this.ask({ kind: 'finish' }, 'finished');
    return { pdf: reply.pdf, peakMb: reply.peakMb };
  }

  /** The joining process's id (the benchmark watches its memory; a test stops it). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Ends the process, done or not. */
  close(): void {
    if (this.child.connected) this.child.disconnect();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  private ask<K extends JoinReply['kind']>(request: JoinRequest, expected: K): Promise<Extract<JoinReply, { kind: K }>> {
    if (this.ended) return Promise.reject(this.ended);
    if (this.waiting) return Promise.reject(new Error('One request at a time.'));
    return new Promise<JoinReply>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.child.send(request, (error) => {
        if (error && this.waiting) {
          this.waiting = undefined;
          reject(new Error(`The register pack's joining stopped (${error.message}).`));
        }
      });
    }).then((reply) => {
      if (reply.kind === 'failed') throw Object.assign(new Error(reply.message), { stack: reply.stack ?? reply.message });
      if (reply.kind !== expected) throw new Error(`The register pack's joining answered ${reply.kind} to ${request.kind}.`);
      return reply as Extract<JoinReply, { kind: K }>;
    });
  }
}
