import { subDays } from 'date-fns';
import { format } from 'date-fns/format';
import type { Tx } from '../../db/connection';
import {
  acceptProposal, declineProposal, dismissSuggestion, escalateRisk, linkContributingRisk, markNotDuplicate, recordAcceptance,
} from '../../server/changes/joined-registers';
import { duplicateFingerprint } from '../../server/domain/similarity';
import type { Change } from '../../server/queries/audit';
import type { DemoRisk } from './types';

// The demo's registers joined up across levels (docs/joined-registers.md), in the inspectors'
// words (context/001 §3.2-3.7): unit risks that duplicate the division's, an Organised Crime
// location risk escalated and accepted, proposals waiting (one for over 30 days) and declined, a
// contributing link to HQ's thematic register, a dismissed suggestion, a pair judged not to be
// duplicates, and acceptances valid and lapsed. Written through the same change functions as the
// app, so the audit history tells each one.

function review(quartersAgo: number, reviewerKey: string, current: [number, number], commentary: string) {
  return { quartersAgo, reviewerKey, current, commentary, mitigatingAction: '', furtherAction: '', stillValid: true };
}

/** Unit risks written as the division's are: the overarching view shows the same risk twice until someone joins them up. */
export const joinedRisks: DemoRisk[] = [
  {
    registerKey: 'scctd-ct',
    title: 'Not enough specialist counter-terrorism lawyers to meet casework demand',
    cause: 'Because counter terrorism work needs prosecutors with developed vetting, and the pool of suitable candidates is small, vacancies in the unit take six to nine months to fill.',
    event: 'There is a risk that the unit cannot allocate an experienced lawyer to a new terrorism case at charge.',
    effect: 'Resulting in delayed charging decisions and heavier caseloads for the lawyers who remain.',
    category: 'People',
    objective: 'Deliver high quality casework',
    ownerKey: 'imran-siddiqui',
    managerKey: 'louise-marchant',
    identifiedMonthsAgo: 5,
    treatment: 'treat',
    influence: 'partly',
    inherent: [4, 4],
    current: [3, 4],
    target: [2, 4],
    controls: ['Charging rota shared with the Special Crime Unit at weekends'],
    actions: [{ description: 'Ask HQ for two lawyers on loan from London Area during the Operation Larch trial', ownerKey: 'imran-siddiqui', dueInDays: 30, status: 'in_progress' }],
    reviews: [review(1, 'louise-marchant', [3, 4], 'Two vacancies; one candidate withdrew in vetting.'), review(0, 'louise-marchant', [3, 4], 'Unchanged. Overtime covering the charging rota.')],
  },
  {
    registerKey: 'scctd-sc',
    title: 'Not enough specialist lawyers for Special Crime casework in York',
    cause: 'Because lawyers with Special Crime experience rarely apply for York posts, and the pool of candidates willing to relocate is small.',
    event: 'There is a risk that York cases are allocated to London lawyers who travel for every hearing.',
    effect: 'Resulting in travel costs, slower case progression and lawyers working away from home for weeks.',
    category: 'People',
    objective: 'Deliver high quality casework',
    ownerKey: 'alistair-bone',
    managerKey: 'craig-atkinson',
    identifiedMonthsAgo: 8,
    treatment: 'treat',
    influence: 'partly',
    inherent: [3, 3],
    current: [3, 3],
    target: [2, 3],
    controls: ['York vacancies advertised nationally with relocation support'],
    actions: [{ description: 'Offer York-based development posts to Senior Crown Prosecutors in the North East Area', ownerKey: 'alistair-bone', dueInDays: 60, status: 'not_started' }],
    reviews: [review(2, 'craig-atkinson', [3, 3], 'One York vacancy.'), review(1, 'craig-atkinson', [3, 3], 'Vacancy re-advertised.'), review(0, 'craig-atkinson', [3, 3], 'No applicants from the second advert.')],
  },
  {
    registerKey: 'ijocd',
    title: 'Costs of exceptional extradition cases exceed the delegated budget',
    cause: 'Because three requests from a single state involve counsel, interpreters and translation at a scale the delegated budget was never set for.',
    event: 'There is a risk that the Division overspends its non-staff budget before the end of the financial year.',
    effect: 'Resulting in a call on HQ reserves and scrutiny by the Audit and Risk Committee.',
    category: 'Financial',
    objective: 'Manage our resources efficiently',
    ownerKey: 'nicola-ferreira',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 7,
    treatment: 'tolerate',
    influence: 'outside',
    inherent: [4, 3],
    current: [3, 3],
    target: [3, 3],
    controls: ['Monthly forecast of case costs agreed with HQ Finance', 'Counsel fees capped by the national framework'],
    actions: [],
    reviews: [review(2, 'stephen-mulligan', [3, 3], 'Forecast overspend of £180,000.'), review(1, 'stephen-mulligan', [3, 3], 'HQ aware; no reallocation possible mid-year.'), review(0, 'stephen-mulligan', [3, 3], 'Overspend holding at £175,000.')],
  },
  {
    registerKey: 'ijocd-ext',
    title: 'Adverse media coverage of refused extradition requests',
    cause: 'Because refusals by requested states are reported as failures of the CPS, whatever their legal grounds.',
    event: 'There is a risk of sustained critical coverage of a high-profile refused request.',
    effect: 'Resulting in loss of public confidence and questions to the Attorney General.',
    category: 'Reputational',
    objective: 'Maintain public confidence',
    ownerKey: 'ruth-adeyemi',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 4,
    treatment: 'tolerate',
    influence: 'outside',
    inherent: [3, 3],
    current: [3, 3],
    target: [3, 3],
    controls: ['Lines to take agreed with the CPS press office for every high-profile request'],
    actions: [],
    reviews: [review(1, 'stephen-mulligan', [3, 3], 'Two refusals reported in the national press.'), review(0, 'stephen-mulligan', [3, 3], 'Quiet quarter; one request pending with a high media profile.')],
  },
];

interface JoinedContext {
  tx: Tx;
  now: string;
  /** The name each demo person writes under. */
  nameOf: (key: string) => Promise<string>;
}

export async function loadDemoJoinedRegisters({ tx, now, nameOf }: JoinedContext): Promise<void> {
  // Every date relative to the loader's today, not the machine's: tests load the demo as of a fixed day.
  const noon = new Date(`${now}T12:00:00`);
  const at = (daysAgo: number) => subDays(noon, daysAgo).toISOString();
  const dayOf = (daysAgo: number) => format(subDays(noon, daysAgo), 'yyyy-MM-dd');
  const change = async (key: string, daysAgo: number): Promise<Change> => ({ actor: { userId: null, name: await nameOf(key) }, at: at(daysAgo) });
  const risk = async (title: string) => tx.selectFrom('risks').select(['id', 'version', 'reference']).where('title', '=', title).executeTakeFirstOrThrow();
  const register = async (code: string) => (await tx.selectFrom('registers').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const node = async (code: string) => (await tx.selectFrom('nodes').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const person = async (key: string) => (await tx.selectFrom('people').select('id').where('name', '=', await nameOf(key)).executeTakeFirstOrThrow()).id;
  const must = <T extends { kind: string }>(outcome: T, what: string): T => {
    if (outcome.kind !== 'done') throw new Error(`demo: ${what} was refused: ${JSON.stringify(outcome)}`);
    return outcome;
  };
  const never = async () => false;

  // An Organised Crime location risk escalated to the division and accepted there.
  const ctl = await risk('Custody time limits in multi-defendant cases');
  const escalated = must(await escalateRisk(tx, await change('sarah-kowalczyk', 40), ctl.id, ctl.version, await register('IJOCD'),
    'Three multi-defendant trials in Birmingham and Manchester now have custody time limits expiring within the same month; the listing problem is beyond what the unit can resolve with the courts on its own.', never), 'escalation of custody time limits');
  if (escalated.kind === 'done') must(await acceptProposal(tx, await change('stephen-mulligan', 36), escalated.result.proposalId), 'acceptance of the custody time limits escalation');

  // Waiting: the Appeals and Review Unit's late papers, proposed to SCCTD twelve days ago for Gareth Pryce to decide.
  const papers = await risk('Late papers from Areas for Court of Appeal cases');
  must(await escalateRisk(tx, await change('rebecca-thorne', 12), papers.id, papers.version, await register('SCCTD'),
    'Late papers now affect every Area, not only London and the South East: the Division needs to raise it with the Chief Crown Prosecutors through HQ.', never), 'escalation of late papers');

  // Waiting over 30 days: a quality finding until the Organised Crime Unit decides.
  const backlog = await risk('Trial backlog at Birmingham Crown Court');
  must(await escalateRisk(tx, await change('marcus-reid', 41), backlog.id, backlog.version, await register('IJOCD-OC'),
    'The backlog now delays every Organised Crime trial listed at Birmingham, and the unit head is the one who meets the Resident Judge.', never), 'escalation of the Birmingham backlog');

  // Declined, with the reason kept.
  const funding = await risk('Loss of external funding for overseas posts');
  const proposed = must(await escalateRisk(tx, await change('jonathan-carew', 50), funding.id, funding.version, await register('IJOCD'),
    'Two of the five overseas posts are funded only until March.', never), 'escalation of overseas funding');
  if (proposed.kind === 'done') {
    must(await declineProposal(tx, await change('stephen-mulligan', 44), proposed.result.proposalId,
      'Funding is agreed each year with the FCDO by the International Unit itself; the divisional register already carries the budget risk as a whole.'), 'decline of overseas funding');
  }

  // A unit's disclosure risk contributes to HQ's thematic disclosure register.
  const ctDisclosure = await risk('Volume of digital material delays disclosure');
  const hqDisclosure = await risk('Volume of digital material outstrips capacity to review and disclose');
  must(await linkContributingRisk(tx, await change('priya-raman', 30), ctDisclosure.id, hqDisclosure.reference,
    'Counter terrorism cases hold the largest volumes of seized digital material in the organisation: the unit\'s backlog is a large part of the national one.', () => true), 'link to the HQ disclosure risk');

  // A suggestion the division dismissed: high, but managed in the unit.
  const surge = await risk('Surge in charging demand after a major terrorist incident');
  await dismissSuggestion(tx, await change('gareth-pryce', 20), surge.id, await node('SCCTD'),
    'The unit\'s surge plan was exercised in September and worked; the Division is told within the hour of any major incident.').then((o) => must(o, 'dismissal'));

  // Two risks that read alike, judged different.
  const york = await risk('Not enough specialist lawyers for Special Crime casework in York');
  const progression = await risk('Loss of York-based staff through perceived lack of progression');
  const [a, b] = york.id < progression.id ? [york.id, progression.id] : [progression.id, york.id];
  const texts = await tx.selectFrom('risks').select(['id', 'title', 'cause']).where('id', 'in', [a, b]).orderBy('id').execute();
  const [first, second] = texts;
  if (first && second) {
    must(await markNotDuplicate(tx, await change('gareth-pryce', 15), a, b, duplicateFingerprint(first, second),
      'One is about recruiting specialists into York, the other about keeping the staff already there: different causes, different actions.'), 'not a duplicate');
  }

  // Acceptances: one lapsed at its expiry, one valid until the next review.
  const costs = await risk('Costs of exceptional extradition cases exceed the delegated budget');
  must(await recordAcceptance(tx, await change('stephen-mulligan', 100), costs.id, {
    approver_id: await person('nicola-ferreira'), accepted_on: dayOf(100), level_rank: 3,
    justification: 'The cases must be prosecuted; HQ Finance agreed to carry the overspend in the second quarter while the budget is re-based.', expires_on: dayOf(10),
  }, dayOf(100)), 'lapsed acceptance');
  const states = await risk('States refusing to surrender their own nationals');
  const due = await tx.selectFrom('risk_facts').select('review_due_on').where('risk_id', '=', states.id).executeTakeFirstOrThrow();
  must(await recordAcceptance(tx, await change('stephen-mulligan', 5), states.id, {
    approver_id: await person('nicola-ferreira'), accepted_on: dayOf(5), level_rank: 4,
    justification: 'Surrender of nationals is a matter of the requested state\'s constitution: the Division records each refusal and refers it to the Home Office, and can do no more.',
    expires_on: due.review_due_on && due.review_due_on >= now ? due.review_due_on : now,
  }, now), 'valid acceptance');
}
