import type { Tx } from '../../db/connection';
import { acceptReturn, answerChallenge, challengeReturn, submitReturn, type ChallengeAbout, type ReturnOutcome } from '../../server/changes/return-changes';
import { addQuarters, quarterEnd, quarterOf, type FyQuarter } from '../../server/domain/quarters';
import { findReturn, findSnapshot } from '../../server/queries/returns';
import type { ReturnSnapshot } from '../../server/domain/returns';

// Quarterly returns over the last four quarters for the two divisions' registers, in every
// state, written through the change functions themselves so each snapshot and its hash are
// real. Words follow the inspection reports (context/ 002 §4.10-4.11: countermeasures missing,
// reviews weak, no quality feedback from Headquarters). The snapshots hold the registers as they
// stand at load time: the demo has no older copy of them.

type Step =
  | { do: 'challenge'; daysAfterEnd: number; about: 'return' | { risk: string } | 'first-finding'; text: string }
  | { do: 'answer'; daysAfterEnd: number; text: string; pointTo?: string }
  | { do: 'accept'; daysAfterEnd: number; note?: string };

interface DemoReturn {
  registerKey: string;
  quartersAgo: number;
  /** Days after the quarter ended that the return was submitted (the deadline is 15). */
  submittedDaysAfterEnd: number;
  steps: Step[];
}

const BM = { scctd: 'gareth-pryce', ijocd: 'stephen-mulligan' } as const;
const HQ = 'priya-raman';

export const demoReturns: DemoReturn[] = [
  // SCCTD divisional register: accepted as submitted, accepted after a challenge, challenged now.
  { registerKey: 'scctd', quartersAgo: 3, submittedDaysAfterEnd: 9, steps: [{ do: 'accept', daysAfterEnd: 16, note: 'Every risk reviewed in the quarter with commentary; no challenge.' }] },
  {
    registerKey: 'scctd', quartersAgo: 2, submittedDaysAfterEnd: 12,
    steps: [
      { do: 'challenge', daysAfterEnd: 18, about: { risk: 'SCCTD-R02' }, text: 'Risk SCCTD-R02 is treated by transfer, but the contingency with HQ Finance is still an action rather than a control: what is in place if a retrial is listed before it is agreed?' },
      { do: 'answer', daysAfterEnd: 22, text: 'Non-essential training spend is deferred and the six largest case forecasts were refreshed. The HQ Finance contingency for costs above £500,000 was agreed since and is now recorded as a control.', pointTo: 'SCCTD-R02' },
      { do: 'accept', daysAfterEnd: 25, note: 'Answer accepted: contingency now a control.' },
    ],
  },
  {
    registerKey: 'scctd', quartersAgo: 1, submittedDaysAfterEnd: 14,
    steps: [
      { do: 'challenge', daysAfterEnd: 20, about: { risk: 'SCCTD-R03' }, text: 'Risk SCCTD-R03 has no countermeasure for the loss of the York building: the Special Crime York Team plan has never been tested. What is planned, and by when?' },
      { do: 'challenge', daysAfterEnd: 20, about: 'return', text: 'Inspectors found evidence of quarterly review weak (report 002, 4.11). Please confirm the register was discussed at the Divisional Strategic Board this quarter, and attach the minute reference in your answer.' },
    ],
  },
  // IJOCD divisional register: accepted, accepted after a late submission, responded now.
  { registerKey: 'ijocd', quartersAgo: 3, submittedDaysAfterEnd: 11, steps: [{ do: 'accept', daysAfterEnd: 19 }] },
  {
    registerKey: 'ijocd', quartersAgo: 2, submittedDaysAfterEnd: 21,
    steps: [
      { do: 'challenge', daysAfterEnd: 24, about: 'first-finding', text: 'This finding was also raised last quarter. Several risks here are largely outside the Division\'s influence (report 002, 4.10): what countermeasures are within your control?' },
      { do: 'answer', daysAfterEnd: 29, text: 'Agreed with the Head of Division: controls within our influence added, and the risk owner will report progress at the next Strategic Board.' },
      { do: 'accept', daysAfterEnd: 31, note: 'Submitted six days late; content accepted.' },
    ],
  },
  {
    registerKey: 'ijocd', quartersAgo: 1, submittedDaysAfterEnd: 13,
    steps: [
      { do: 'challenge', daysAfterEnd: 19, about: { risk: 'IJOCD-R02' }, text: 'IJOCD-R02 appears in both this register and the HQ register with different scores. Which register owns it, and is the difference deliberate?' },
      { do: 'answer', daysAfterEnd: 26, text: 'The divisional risk contributes to the HQ risk; the link is recorded and the scores differ because our exposure is narrower. No duplication intended.' },
    ],
  },
  // Unit registers: one waiting for HQ, one accepted, one challenged on a finding; Counter Terrorism has not submitted (a risk has no review in the quarter).
  { registerKey: 'ijocd-oc', quartersAgo: 1, submittedDaysAfterEnd: 10, steps: [] },
  { registerKey: 'ijocd-ext', quartersAgo: 1, submittedDaysAfterEnd: 8, steps: [{ do: 'accept', daysAfterEnd: 15, note: 'Clear countermeasures for every risk.' }] },
  {
    registerKey: 'scctd-aru', quartersAgo: 1, submittedDaysAfterEnd: 15,
    steps: [{ do: 'challenge', daysAfterEnd: 21, about: 'first-finding', text: 'Please explain this finding, or correct the register and point to the change in your answer: HQ will report unresolved findings to the Audit and Risk Committee.' }],
  },
];

export interface DemoReturnIds {
  registerIds: Map<string, number>;
  /** Each demo person's user account, by person key (those who sign in). */
  users: Map<string, { userId: number; name: string }>;
  fyStartMonth: number;
}

const at = (day: string, time: string) => `${day}T${time}:00.000Z`;

function dayAfter(q: FyQuarter, startMonth: number, days: number): string {
  const date = new Date(`${quarterEnd(q, startMonth)}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export async function loadDemoReturns(tx: Tx, now: string, ids: DemoReturnIds): Promise<number> {
  const current = quarterOf(now, ids.fyStartMonth);
  const actor = (key: string) => {
    const user = ids.users.get(key);
    if (!user) throw new Error(`Demo return names a person with no account: ${key}`);
    return user;
  };
  const check = (outcome: ReturnOutcome, what: string) => {
    if (outcome.kind !== 'done') throw new Error(`Demo return ${what} refused: ${JSON.stringify(outcome)}`);
  };
  for (const demo of demoReturns) {
    const registerId = ids.registerIds.get(demo.registerKey);
    if (registerId === undefined) throw new Error(`Demo return names an unknown register: ${demo.registerKey}`);
    const q = addQuarters(current, -demo.quartersAgo);
    const manager = actor(demo.registerKey.startsWith('scctd') ? BM.scctd : BM.ijocd);
    const reviewer = actor(HQ);
    const day = (n: number) => {
      const d = dayAfter(q, ids.fyStartMonth, n);
      return d > now ? now : d;
    };
    const what = `${demo.registerKey} ${demo.quartersAgo} quarters ago`;
    const submittedOn = day(demo.submittedDaysAfterEnd);
    check(await submitReturn(tx, { actor: manager, at: at(submittedOn, '09:40') }, registerId, q, submittedOn), `${what}: submission`);
    for (const step of demo.steps) {
      const row = await findReturn(tx, registerId, q);
      if (!row) throw new Error(`${what}: no return`);
      const on = day(step.daysAfterEnd);
      if (step.do === 'challenge') {
        const snapshot = JSON.parse((await findSnapshot(tx, row.id))?.json ?? '{}') as ReturnSnapshot;
        let about: ChallengeAbout = { target: 'return' };
        if (step.about === 'first-finding') {
          const finding = snapshot.findings[0];
          if (finding) about = { target: 'finding', code: finding.code, riskId: finding.riskId };
        } else if (step.about !== 'return') {
          const reference = step.about.risk;
          const risk = snapshot.risks.find((r) => r.reference === reference);
          if (!risk) throw new Error(`${what}: ${reference} is not in the snapshot`);
          about = { target: 'risk', riskId: risk.id };
        }
        check(await challengeReturn(tx, { actor: reviewer, at: at(on, '14:05') }, registerId, q, row.version, about, step.text), `${what}: challenge`);
      } else if (step.do === 'answer') {
        const challenge = await tx.selectFrom('return_challenges as c').leftJoin('return_answers as a', 'a.challenge_id', 'c.id').select('c.id').where('c.return_id', '=', row.id).where('a.id', 'is', null).orderBy('c.id').executeTakeFirstOrThrow();
        const pointTo = step.pointTo ? (await tx.selectFrom('risks').select('id').where('reference', '=', step.pointTo).executeTakeFirstOrThrow()).id : null;
        check(await answerChallenge(tx, { actor: manager, at: at(on, '11:20') }, registerId, q, row.version, challenge.id, step.text, pointTo), `${what}: answer`);
      } else {
        check(await acceptReturn(tx, { actor: reviewer, at: at(on, '16:30') }, registerId, q, row.version, step.note ?? ''), `${what}: acceptance`);
      }
    }
  }
  return demoReturns.length;
}
