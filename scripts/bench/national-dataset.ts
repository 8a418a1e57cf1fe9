// The national dataset the benchmark measures against: one organisation, 20 divisions, 200
// units and teams, 722 people, 12,000 open risks with eight quarters of reviews, 38,000
// actions and 300 plans with versions, exercises and findings. Built from a seed, so the same
// seed and day give the same database; dates are placed relative to `today` like the demo's.
// Rows go in through prepared statements in one transaction: the stored facts are kept by the
// database's own triggers, exactly as for any other writer.
import type SqliteDatabase from 'better-sqlite3';
import { addDays, addMonths, format, parseISO } from 'date-fns';
import { demoPlans } from '../demo/demo-plans';
import { addQuarters, quarterOf, quarterStart } from '../../server/domain/quarters';
import { directionOfTravel } from '../../server/domain/reviews';
import { nextReviewDue } from '../../server/domain/plans';
import { serialisePlanContent, type PlanContent } from '../../server/domain/plan-content';
import type { ActionStatus, Influence, Treatment } from '../../server/domain/vocabulary';
import type { ExerciseType } from '../../server/domain/exercise-vocabulary';

export interface DatasetScale {
  divisions: number;
  /** Units per division; teams are spread over the units. */
  unitsPerDivision: number;
  teamsPerDivision: number;
  people: number;
  openRisks: number;
  closedRisks: number;
  /** Quarters of reviews a risk identified long ago has. */
  reviewQuarters: number;
  actions: number;
  plans: number;
}

export const NATIONAL: DatasetScale = {
  divisions: 20,
  unitsPerDivision: 4,
  teamsPerDivision: 6,
  people: 722,
  openRisks: 12_000,
  closedRisks: 600,
  reviewQuarters: 8,
  actions: 38_000,
  plans: 300,
};

/** Seconds, not minutes: what `npm run bench -- --smoke` builds inside the test suite. */
export const SMOKE: DatasetScale = {
  divisions: 2,
  unitsPerDivision: 2,
  teamsPerDivision: 2,
  people: 40,
  openRisks: 240,
  closedRisks: 12,
  reviewQuarters: 8,
  actions: 760,
  plans: 12,
};

export const BENCH_PASSWORD = 'bulwark-bench-2026';

export interface DatasetSummary {
  nodes: number;
  people: number;
  risks: number;
  openRisks: number;
  reviews: number;
  actions: number;
  plans: number;
  planVersions: number;
  exercises: number;
  findings: number;
  /** Whom the benchmark signs in as, and the records its pages name. */
  users: { hq: string; divisionManager: string; coordinator: string };
  hqId: number;
  divisionId: number;
  /** A division with about 600 risks below it. */
  divisionRisks: number;
  riskId: number;
  planId: number;
  /** Open risks of the benchmark division, for review saves and risk edits. */
  writableRiskIds: number[];
  reviewerId: number;
}

/** mulberry32: small, fast and the same everywhere. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof random>;

const FIRST = ['Amara', 'Ben', 'Chloe', 'Dev', 'Ellie', 'Farid', 'Grace', 'Harry', 'Imogen', 'Jamal', 'Kate', 'Liam', 'Maya', 'Niall', 'Olu', 'Priya', 'Quentin', 'Rosa', 'Sunil', 'Tara', 'Umar', 'Vera', 'Wes', 'Yasmin', 'Zoe'];
const LAST = ['Okoye', 'Marsh', 'Patel', 'Quinn', 'Rahman', 'Adeyemi', 'Bone', 'Carew', 'Doyle', 'Evans', 'Fletcher', 'Gill', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lowe', 'Morgan', 'Nash', 'Owen', 'Price', 'Reid', 'Shah', 'Turner', 'Walsh'];
const JOBS = ['Chief Crown Prosecutor', 'Deputy Chief Crown Prosecutor', 'Area Business Manager', 'Senior Crown Prosecutor', 'Unit Head', 'Operations Manager', 'Paralegal Officer', 'Business Continuity Coordinator', 'Casework Manager', 'Team Leader'];
const PLACES = ['London', 'York', 'Birmingham', 'Leeds', 'Manchester', 'Bristol', 'Cardiff', 'Newcastle', 'Nottingham', 'Liverpool', 'Sheffield', 'Exeter', 'Norwich', 'Chelmsford', 'Maidstone', 'Guildford', 'Reading', 'Oxford', 'Cambridge', 'Durham', 'Preston', 'Lincoln', 'Leicester', 'Coventry', 'Hull'];
const THEMES = ['Serious Fraud', 'Complex Casework', 'Rape and Serious Sexual Offences', 'Magistrates Courts', 'Crown Court', 'Youth Justice', 'Proceeds of Crime', 'Homicide', 'Extradition', 'Appeals', 'Organised Crime', 'Cyber Crime', 'Victim Liaison', 'Disclosure', 'Digital Evidence'];

const HAZARDS = [
  ['Loss of the case management system', 'the supplier\'s data centre migration slips and the old platform is out of support', 'the system is unavailable for more than a working day', 'charging decisions and hearings are delayed and custody time limits are put at risk'],
  ['Disclosure failures in complex cases', 'unused material in large digital cases is scheduled late by investigators', 'disclosure is incomplete when the trial starts', 'trials collapse, costs are awarded against us and public confidence falls'],
  ['Shortage of experienced prosecutors', 'recruitment lags behind leavers and trainees take two years to reach full caseloads', 'the unit cannot staff every court listing', 'adjournments increase and victims wait longer for justice'],
  ['Building closure at short notice', 'the building is shared with other tenants and its fire systems are ageing', 'the building is closed for a week or more', 'staff cannot reach paper files and hearings are missed'],
  ['Data breach through misdirected email', 'secure email is not used consistently when sending to partners', 'personal data of victims or witnesses is sent to the wrong recipient', 'people are put at risk and the ICO takes enforcement action'],
  ['Backlog of cases awaiting charge', 'police file quality varies and case volumes rose after the pandemic', 'cases wait longer than the service standard for a charging decision', 'suspects are released under investigation for months and victims disengage'],
  ['Failure of a critical supplier', 'the transcription and interpreting contracts rely on one supplier each', 'the supplier fails or withdraws service', 'hearings cannot proceed and witness statements are delayed'],
  ['Budget overspend on counsel fees', 'complex trials run longer than forecast and rates have risen', 'the area overspends its counsel fee budget by more than five per cent', 'other spending must be cut mid-year and recruitment is paused'],
  ['Wellbeing of staff exposed to traumatic material', 'teams review distressing evidence daily with limited rotation', 'staff suffer secondary trauma and absence rises', 'casework slows and experienced people leave'],
  ['Inaccurate management information', 'data is entered inconsistently across teams and systems', 'performance reports misstate caseloads and timeliness', 'resources are allocated to the wrong places and scrutiny is misled'],
  ['Loss of access to court video links', 'the courts\' video platform is upgraded without testing with our network', 'remote hearings fail for several days', 'custody hearings are adjourned and defendants are produced late'],
  ['Non-compliance with the Victims\' Code', 'victim communications depend on manual reminders', 'letters explaining decisions are late or missed', 'complaints rise and victims lose confidence in the service'],
];
const CONTROLS = [
  'Daily backups tested each quarter',
  'Supplier support contract with a four hour response',
  'Weekly case progression meetings with the police',
  'Disclosure champions in each team, trained annually',
  'Secure email mandated for all partner correspondence',
  'Monthly budget monitoring with the finance business partner',
  'Trauma risk management practitioners in every unit',
  'Home working equipment issued to all staff',
  'Second site agreement with the neighbouring area office',
  'Quality assurance of charging decisions by senior prosecutors',
  'Annual data quality audit of case management records',
  'Duty rota covering out of hours charging advice',
];
const REVIEW_NOTES = [
  'Reviewed at the area management meeting. The controls are working but the volume of cases continues to rise, so the likelihood stays where it was. The action plan was updated and owners confirmed.',
  'Discussed with the unit heads. One incident this quarter was handled well under the existing controls; the lessons were shared across teams. No change to the score.',
  'The supplier has confirmed the new timetable and the interim arrangements have been tested. Likelihood reduced by one step; impact unchanged because the consequences would still be severe.',
  'Recruitment has filled three of the five vacancies, but two experienced lawyers left in the quarter. The risk remains above appetite and further action is needed before the next review.',
  'HQ challenged the score at the last return; evidence of the controls has now been added to the register and the owner has signed off the assessment.',
  'A near miss this quarter showed the control depends on one person. A second person has been trained and the action to document the procedure is under way.',
];
const ACTIONS = [
  'Agree a service level with the supplier for restoring access within four hours',
  'Train two more staff as disclosure champions',
  'Run a desk-top test of the home working arrangements with the whole team',
  'Recruit two Senior Crown Prosecutors through the national campaign',
  'Review the counsel fee forecast with the finance business partner monthly',
  'Move remaining paper files to the digital case system',
  'Refresh the victim communication templates and reminders',
  'Commission an independent audit of data quality',
  'Arrange trauma support sessions for teams reviewing indecent images',
  'Agree a second site arrangement with the neighbouring area',
];

const day = (date: Date) => format(date, 'yyyy-MM-dd');
const TREATMENT_CHOICES: Treatment[] = ['treat', 'treat', 'treat', 'tolerate', 'transfer', 'terminate'];
const INFLUENCE_CHOICES: Influence[] = ['within', 'partly', 'partly', 'outside'];
const CATEGORY_NAMES = ['Strategic', 'Operational', 'Casework', 'Project', 'Financial', 'People', 'Reputational', 'Information', 'Health and safety'];
const OBJECTIVES = ['Deliver high quality casework', 'Support victims and witnesses', 'Develop our people', 'Use digital capability well', 'Strengthen public confidence', 'Manage our money well'];

interface NodeRef { id: number; code: string; kind: 'organisation' | 'division' | 'unit' | 'team'; divisionIndex: number; registerId: number; name: string }

/** A sentence of realistic length for a field: the hazard's words plus a place and a theme. */
function riskText(rnd: Random, node: NodeRef) {
  const [title, cause, event, effect] = rnd.pick(HAZARDS) as [string, string, string, string];
  const theme = rnd.pick(THEMES);
  return {
    title: `${title} in ${node.name.replace(/ (Division|Unit|Team)$/, '')} ${theme.toLowerCase()} work`,
    cause: `Because ${cause}, and because ${theme.toLowerCase()} cases in ${node.name} depend on it more than most`,
    event: `there is a risk that ${event}`,
    effect: `resulting in a situation where ${effect}; the effect would be felt most in ${theme.toLowerCase()} casework`,
  };
}

/**
 * Fills an empty, migrated database with the national organisation. `sqlite` is the
 * connection of an opened Bulwark database (its stored-fact functions registered).
 */
export function buildNationalDataset(sqlite: SqliteDatabase.Database, options: { seed: number; today: string; scale: DatasetScale; passwordHash: string }): DatasetSummary {
  const { scale, today } = options;
  const rnd = random(options.seed);
  const prepare = (text: string) => sqlite.prepare(text);
  const insertNode = prepare('INSERT INTO nodes (parent_id, kind, name, code) VALUES (?, ?, ?, ?)');
  const insertSite = prepare('INSERT INTO sites (name, address) VALUES (?, ?)');
  const insertNodeSite = prepare('INSERT INTO node_sites (node_id, site_id) VALUES (?, ?)');
  const insertPerson = prepare('INSERT INTO people (name, email, job_title, node_id) VALUES (?, ?, ?, ?)');
  const insertUser = prepare('INSERT INTO users (person_id, password_hash) VALUES (?, ?)');
  const insertGrant = prepare('INSERT INTO role_grants (user_id, role, node_id) VALUES (?, ?, ?)');
  const insertObjective = prepare('INSERT INTO objectives (title, sort_order) VALUES (?, ?)');
  const insertRegister = prepare('INSERT INTO registers (node_id, kind, name, code) VALUES (?, ?, ?, ?)');
  const insertRisk = prepare(`INSERT INTO risks (register_id, ref_number, title, cause, event, effect, category_id, objective_id, owner_id, manager_id,
    identified_on, status, closed_on, closure_reason, treatment, influence, inherent_likelihood, inherent_impact, current_likelihood, current_impact,
    target_likelihood, target_impact, existing_controls, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // Each review keeps the level it was rated at, as the app records it (migration 009).
  const insertReview = prepare(`INSERT INTO reviews (risk_id, fy_year, fy_quarter, reviewed_on, reviewer_id, inherent_likelihood, inherent_impact,
    current_likelihood, current_impact, target_likelihood, target_impact, current_score, direction, commentary, mitigating_action, further_action, still_valid,
    level_rank, level_name, level_colour, level_text_colour)
    SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, l.rank, l.name, l.colour, l.text_colour
    FROM matrix_cells c JOIN matrix_levels l ON l.rank = c.level_rank WHERE c.likelihood = ? AND c.impact = ?`);
  const insertAction = prepare('INSERT INTO actions (risk_id, description, owner_id, due_on, status, completed_on) VALUES (?, ?, ?, ?, ?, ?)');
  const insertPlan = prepare('INSERT INTO plans (node_id, site_id, ref, title, owner_id, protective_marking, retired_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertVersion = prepare(`INSERT INTO plan_versions (plan_id, number, status, content, approver_id, approved_on, next_review_on, change_summary, updated_by, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertExercise = prepare(`INSERT INTO exercises (plan_id, plan_version_number, type, status, planned_on, held_on, coordinator_id, participants, scenario, objectives, result, recovery_hours, lessons)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertFinding = prepare('INSERT INTO exercise_findings (exercise_id, description, owner_id, due_on, status, closed_by_version_number, closed_on) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertPlanRisk = prepare('INSERT OR IGNORE INTO plan_risks (risk_id, plan_id) VALUES (?, ?)');
  const id = (result: SqliteDatabase.RunResult) => Number(result.lastInsertRowid);

  const fyStartMonth = Number(JSON.parse((sqlite.prepare("SELECT value FROM settings WHERE key = 'fy_start_month'").get() as { value: string }).value));
  const reviewMonths = Number(JSON.parse((sqlite.prepare("SELECT value FROM settings WHERE key = 'plan_review_months'").get() as { value: string } | undefined)?.value ?? '12'));
  const cellScore = new Map((sqlite.prepare('SELECT likelihood, impact, score FROM matrix_cells').all() as { likelihood: number; impact: number; score: number }[]).map((c) => [`${c.likelihood}:${c.impact}`, c.score]));
  const scoreOf = (l: number, i: number) => cellScore.get(`${l}:${i}`) ?? l * i;
  const categories = new Map((sqlite.prepare('SELECT id, name FROM categories').all() as { id: number; name: string }[]).map((c) => [c.name, c.id]));
  const now = parseISO(today);
  const daysFromNow = (days: number) => day(addDays(now, days));
  const monthsAgo = (months: number) => day(addMonths(now, -months));
  const at = `${today}T08:00:00.000Z`;

  return sqlite.transaction((): DatasetSummary => {
    // ---- Sites and the tree ----
    const siteIds = PLACES.map((place) => id(insertSite.run(`${place} office`, `1 Justice Way, ${place}`)));
    const nodes: NodeRef[] = [];
    const register = (nodeId: number, kind: 'divisional' | 'unit', name: string, code: string) => id(insertRegister.run(nodeId, kind, `${name} register`, code));
    const hqId = id(insertNode.run(null, 'organisation', 'Crown Prosecution Service Headquarters', 'HQ'));
    insertNodeSite.run(hqId, siteIds[0]);
    nodes.push({ id: hqId, code: 'HQ', kind: 'organisation', divisionIndex: -1, registerId: register(hqId, 'divisional', 'Corporate', 'HQ'), name: 'Headquarters' });
    for (let d = 0; d < scale.divisions; d++) {
      const place = PLACES[d % PLACES.length] as string;
      const code = `D${String(d + 1).padStart(2, '0')}`;
      const name = `${place} ${THEMES[d % THEMES.length]} Division`;
      const divisionId = id(insertNode.run(hqId, 'division', name, code));
      insertNodeSite.run(divisionId, siteIds[d % siteIds.length]);
      nodes.push({ id: divisionId, code, kind: 'division', divisionIndex: d, registerId: register(divisionId, 'divisional', name, code), name });
      const units: NodeRef[] = [];
      for (let u = 0; u < scale.unitsPerDivision; u++) {
        const unitCode = `${code}-U${u + 1}`;
        const unitName = `${place} ${THEMES[(d + u + 1) % THEMES.length]} Unit`;
        const unitId = id(insertNode.run(divisionId, 'unit', unitName, unitCode));
        insertNodeSite.run(unitId, siteIds[(d + u) % siteIds.length]);
        const unit: NodeRef = { id: unitId, code: unitCode, kind: 'unit', divisionIndex: d, registerId: register(unitId, 'unit', unitName, unitCode), name: unitName };
        units.push(unit);
        nodes.push(unit);
      }
      for (let t = 0; t < scale.teamsPerDivision; t++) {
        const unit = units[t % units.length] as NodeRef;
        const teamCode = `${unit.code}-T${Math.floor(t / units.length) + 1}`;
        const teamName = `${unit.name.replace(/ Unit$/, '')} ${PLACES[(d + t + 3) % PLACES.length]} Team`;
        const teamId = id(insertNode.run(unit.id, 'team', teamName, teamCode));
        insertNodeSite.run(teamId, siteIds[(d + t + 3) % siteIds.length]);
        nodes.push({ id: teamId, code: teamCode, kind: 'team', divisionIndex: d, registerId: register(teamId, 'unit', teamName, teamCode), name: teamName });
      }
    }

    // ---- People, users and roles ----
    const peopleByDivision = new Map<number, number[]>();
    const personNames = new Map<number, string>();
    for (let p = 0; p < scale.people; p++) {
      const divisionIndex = p < 20 ? -1 : p % scale.divisions;
      const home = divisionIndex === -1 ? nodes[0] : rnd.pick(nodes.filter((n) => n.divisionIndex === divisionIndex));
      const name = `${FIRST[p % FIRST.length]} ${LAST[Math.floor(p / FIRST.length) % LAST.length]}${p >= FIRST.length * LAST.length ? ` ${Math.floor(p / (FIRST.length * LAST.length)) + 1}` : ''}`;
      const personId = id(insertPerson.run(name, `person${p + 1}@bench.example.gov.uk`, rnd.pick(JOBS), home?.id ?? hqId));
      personNames.set(personId, name);
      const list = peopleByDivision.get(divisionIndex) ?? [];
      list.push(personId);
      peopleByDivision.set(divisionIndex, list);
    }
    const hqPeople = peopleByDivision.get(-1) ?? [];
    const peopleOf = (divisionIndex: number) => peopleByDivision.get(divisionIndex) ?? hqPeople;
    const user = (personId: number, roles: [string, number | null][]) => {
      const userId = id(insertUser.run(personId, options.passwordHash));
      for (const [role, nodeId] of roles) insertGrant.run(userId, role, nodeId);
    };
    const benchDivision = nodes.find((n) => n.kind === 'division') as NodeRef;
    const [hqUser, adminUser] = hqPeople;
    const divisionPeople = peopleOf(benchDivision.divisionIndex);
    user(hqUser as number, [['hq_reviewer', null], ['business_manager', null], ['bcp_coordinator', null]]);
    user(adminUser as number, [['admin', null]]);
    user(divisionPeople[0] as number, [['business_manager', benchDivision.id]]);
    user(divisionPeople[1] as number, [['bcp_coordinator', benchDivision.id]]);
    const emailOf = (personId: number) => (sqlite.prepare('SELECT email FROM people WHERE id = ?').get(personId) as { email: string }).email;

    const objectiveIds = OBJECTIVES.map((title, index) => id(insertObjective.run(title, index)));

    // ---- Risks, reviews, actions ----
    // HQ holds 200 risks; each division's own register about 60; the rest spread over units and teams.
    const lowerNodes = nodes.filter((n) => n.kind === 'unit' || n.kind === 'team');
    const divisionNodes = nodes.filter((n) => n.kind === 'division');
    const hqRisks = Math.round(scale.openRisks / 60);
    const divisionOwn = Math.round(scale.openRisks / 200);
    const totalRisks = scale.openRisks + scale.closedRisks;
    const nodeOfRisk = (n: number): NodeRef => {
      if (n < hqRisks) return nodes[0] as NodeRef;
      if (n < hqRisks + divisionOwn * divisionNodes.length) return divisionNodes[(n - hqRisks) % divisionNodes.length] as NodeRef;
      return lowerNodes[n % lowerNodes.length] as NodeRef;
    };
    const refNumbers = new Map<number, number>();
    const thisQuarter = quarterOf(today, fyStartMonth);
    const riskIdsByNode = new Map<number, number[]>();
    const actionsPerRisk = scale.actions / totalRisks;
    let reviews = 0;
    let actions = 0;
    const writableRiskIds: number[] = [];
    const benchSubtree = new Set(nodes.filter((n) => n.divisionIndex === benchDivision.divisionIndex).map((n) => n.id));
    let divisionRisks = 0;
    for (let n = 0; n < totalRisks; n++) {
      const node = nodeOfRisk(n);
      const closed = n >= scale.openRisks;
      const people = peopleOf(node.divisionIndex);
      const ref = (refNumbers.get(node.registerId) ?? 0) + 1;
      refNumbers.set(node.registerId, ref);
      const text = riskText(rnd, node);
      // Review pattern: most reviewed this quarter or last, some overdue, some new and never reviewed.
      const pattern = rnd.next();
      // Most risks are older than the eight quarters of reviews; some are recent, a few brand new.
      const identifiedMonths = pattern < 0.06 ? rnd.int(0, 2) : rnd.chance(0.8) ? rnd.int(scale.reviewQuarters * 3, scale.reviewQuarters * 3 + 12) : rnd.int(3, scale.reviewQuarters * 3 - 1);
      const identifiedOn = monthsAgo(identifiedMonths);
      const lastQuarterAgo = pattern < 0.06 ? -1 : pattern < 0.5 ? 0 : pattern < 0.85 ? 1 : rnd.int(2, 4);
      const inherent: [number, number] = [rnd.int(2, 5), rnd.int(2, 5)];
      let current: [number, number] = [Math.max(1, inherent[0] - rnd.int(0, 2)), Math.max(1, inherent[1] - rnd.int(0, 1))];
      const target: [number, number] = [Math.max(1, current[0] - rnd.int(0, 2)), Math.max(1, current[1] - rnd.int(0, 1))];
      const reviewScores: { quarterAgo: number; score: [number, number] }[] = [];
      if (lastQuarterAgo >= 0) {
        for (let q = scale.reviewQuarters - 1; q >= lastQuarterAgo; q--) {
          const start = quarterStart(addQuarters(thisQuarter, -q), fyStartMonth);
          if (start < identifiedOn.slice(0, 8) + '01' && q > lastQuarterAgo) continue;
          reviewScores.push({ quarterAgo: q, score: [Math.max(1, Math.min(5, current[0] + rnd.int(-1, 1))), current[1]] });
        }
      }
      const lastReview = reviewScores.at(-1);
      if (lastReview) current = lastReview.score;
      const riskId = id(insertRisk.run(
        node.registerId, ref, text.title, text.cause, text.event, text.effect,
        categories.get(rnd.pick(CATEGORY_NAMES)), rnd.chance(0.9) ? rnd.pick(objectiveIds) : null,
        rnd.chance(0.97) ? rnd.pick(people) : null, rnd.pick(people),
        identifiedOn, closed ? 'closed' : 'open', closed ? daysFromNow(-rnd.int(1, 300)) : null, closed ? 'Risk no longer applies after the reorganisation' : null,
        rnd.pick(TREATMENT_CHOICES), rnd.pick(INFLUENCE_CHOICES), inherent[0], inherent[1], current[0], current[1], target[0], target[1],
        Array.from({ length: rnd.int(1, 4) }, () => rnd.pick(CONTROLS)).join('\n'), at, at,
      ));
      if (closed) {
        // A closed risk's closure must not come before it was identified.
        sqlite.prepare('UPDATE risks SET closed_on = max(closed_on, identified_on) WHERE id = ?').run(riskId);
      }
      const list = riskIdsByNode.get(node.id) ?? [];
      list.push(riskId);
      riskIdsByNode.set(node.id, list);
      if (benchSubtree.has(node.id)) {
        divisionRisks += 1;
        if (!closed) writableRiskIds.push(riskId);
      }
      let previousScore: number | null = null;
      let previousDate = identifiedOn;
      for (const review of reviewScores) {
        const start = quarterStart(addQuarters(thisQuarter, -review.quarterAgo), fyStartMonth);
        let reviewedOn = day(addDays(parseISO(start), rnd.int(5, 40)));
        if (reviewedOn > today) reviewedOn = today;
        if (reviewedOn < previousDate) reviewedOn = previousDate;
        const quarter = quarterOf(reviewedOn, fyStartMonth);
        const score = scoreOf(review.score[0], review.score[1]);
        const inserted = insertReview.run(riskId, quarter.fyYear, quarter.quarter, reviewedOn, rnd.pick(people), inherent[0], inherent[1], review.score[0], review.score[1],
          target[0], target[1], score, directionOfTravel(previousScore, score), rnd.pick(REVIEW_NOTES), rnd.chance(0.7) ? rnd.pick(ACTIONS) : '', rnd.chance(0.5) ? rnd.pick(ACTIONS) : '', 1,
          review.score[0], review.score[1]);
        if (inserted.changes !== 1) throw new Error(`the matrix has no cell ${review.score[0]}×${review.score[1]} to rate a review by`);
        previousScore = score;
        previousDate = reviewedOn;
        reviews += 1;
      }
      const actionCount = Math.max(0, Math.round(actionsPerRisk + rnd.int(-2, 2)));
      for (let a = 0; a < actionCount && actions < scale.actions; a++) {
        const status: ActionStatus = rnd.pick(['completed', 'completed', 'in_progress', 'in_progress', 'not_started', 'cancelled']);
        const due = rnd.chance(0.03) ? null : daysFromNow(rnd.int(-200, 240));
        const completed = status === 'completed' ? (due !== null && due < today ? due : daysFromNow(-rnd.int(1, 90))) : null;
        insertAction.run(riskId, rnd.pick(ACTIONS), rnd.chance(0.95) ? rnd.pick(people) : null, due, status, completed);
        actions += 1;
      }
    }
    // Whatever is left of the action count goes on the first open risks, so the total is exact.
    for (let n = 0; actions < scale.actions; n++, actions++) {
      insertAction.run((n % scale.openRisks) + 1, rnd.pick(ACTIONS), rnd.pick(hqPeople), daysFromNow(rnd.int(-100, 200)), 'not_started', null);
    }

    // ---- Plans, versions, exercises, findings ----
    const contents = demoPlans.map((p) => p.draft?.content ?? p.approved.at(-1)?.content).filter((c): c is PlanContent => c !== undefined);
    const planNodes = [...divisionNodes, ...lowerNodes.flatMap((n, i) => (i % 10 < 4 ? [n, n] : [n]))].slice(0, scale.plans);
    const exerciseTypes: ExerciseType[] = ['call_cascade', 'tabletop', 'live'];
    const cadence: Record<ExerciseType, number> = { call_cascade: 6, tabletop: 12, live: 36 };
    let planVersions = 0;
    let exercises = 0;
    let findings = 0;
    let benchPlanId = 0;
    const usedRefs = new Set<string>();
    for (const [index, node] of planNodes.entries()) {
      const people = peopleOf(node.divisionIndex);
      const siteId = siteIds[index % siteIds.length] as number;
      let ref = `BCP-${node.code}`;
      for (let k = 2; usedRefs.has(ref); k++) ref = `BCP-${node.code}-${k}`;
      usedRefs.add(ref);
      const content = structuredClone(contents[index % contents.length] as PlanContent);
      if (index % 7 === 3) content.exercising.requiredTests = ['call_cascade', 'tabletop'];
      const state = rnd.next();
      // 70% approved (a fifth of those with a draft after), 12% a complete draft never approved, 8% an incomplete one, 10% approved long ago.
      const approvedCount = state < 0.7 ? rnd.int(1, 3) : state < 0.9 ? 0 : rnd.int(1, 2);
      const firstApprovedMonths = state >= 0.9 ? rnd.int(14, 30) : rnd.int(2, 26);
      const retired = index % 97 === 50;
      const createdAt = `${monthsAgo(firstApprovedMonths + 1)}T09:00:00.000Z`;
      const planId = id(insertPlan.run(node.id, node.kind === 'division' ? null : siteId, ref, `${node.name} business continuity plan${ref.match(/-\d+$/) ? ` (${PLACES[index % PLACES.length]})` : ''}`,
        rnd.pick(people), rnd.chance(0.8) ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL', retired ? daysFromNow(-30) : null, createdAt, createdAt));
      if (node.id === benchDivision.id && benchPlanId === 0) benchPlanId = planId;
      const approvals: { number: number; on: string }[] = [];
      for (let v = 1; v <= approvedCount; v++) {
        const months = Math.max(0, Math.round(firstApprovedMonths - ((v - 1) * firstApprovedMonths) / approvedCount));
        const on = monthsAgo(months);
        insertVersion.run(planId, v, v === approvedCount ? 'approved' : 'superseded', serialisePlanContent(content), rnd.pick(people), on, nextReviewDue(on, reviewMonths),
          v === 1 ? 'First issue in the standard format' : 'Annual review: contacts and action cards updated', personNames.get(people[0] as number) ?? '', `${on}T09:00:00.000Z`, `${on}T09:00:00.000Z`);
        approvals.push({ number: v, on });
        planVersions += 1;
      }
      if (approvedCount === 0 || rnd.chance(0.2)) {
        const draft = structuredClone(content);
        if (approvedCount === 0 && state >= 0.82) draft.contacts.cascade = [];
        if (approvedCount === 0 && state >= 0.86) draft.recovery.cards = [];
        insertVersion.run(planId, null, 'draft', serialisePlanContent(draft), null, null, null, 'Moving the plan into the standard format', personNames.get(people[1] as number) ?? '', at, at);
        planVersions += 1;
      }
      if (approvals.length === 0 || retired) continue;
      const firstOn = (approvals[0] as { on: string }).on;
      const versionOn = (date: string) => approvals.filter((a) => a.on <= date).at(-1)?.number ?? null;
      for (const type of exerciseTypes) {
        // Tests at roughly the cadence since the first approval, with some late, missed or cancelled.
        let date = day(addMonths(parseISO(firstOn), cadence[type] - rnd.int(0, 2)));
        while (date < today) {
          const roll = rnd.next();
          const status = roll < 0.75 ? 'completed' : roll < 0.85 ? 'cancelled' : roll < 0.93 ? 'missed' : 'planned';
          const result = status === 'completed' ? rnd.pick(['passed', 'passed', 'passed_with_issues', 'failed'] as const) : null;
          const exerciseId = id(insertExercise.run(planId, versionOn(date), type, status, date, status === 'completed' ? date : null, rnd.pick(people),
            'Response team\nUnit head\nDeputy', `Loss of the ${rnd.pick(['building', 'network', 'case management system', 'telephony'])} on a weekday morning`,
            'Reach every member of staff within an hour\nConfirm the alternate site can take the team', result, result ? rnd.int(2, 48) : null,
            result && result !== 'passed' ? 'The cascade list had two wrong numbers; the alternate site had no spare headsets.' : ''));
          exercises += 1;
          if (result && result !== 'passed') {
            for (let f = 0; f < rnd.int(1, 3); f++) {
              const exercised = versionOn(date);
              const later = approvals.find((a) => exercised === null || a.number > exercised);
              const closedFinding = later !== undefined && later.on >= date && rnd.chance(0.5);
              const status = closedFinding ? 'closed' : rnd.chance(0.5) ? 'open' : 'in_progress';
              insertFinding.run(exerciseId, rnd.pick(['Update the call cascade numbers', 'Buy spare headsets for the alternate site', 'Brief deputies on invoking the plan', 'Test remote access tokens each quarter']),
                rnd.pick(people), day(addDays(parseISO(date), rnd.int(14, 120))), status, closedFinding ? later.number : null, closedFinding ? later.on : null);
              findings += 1;
            }
          }
          date = day(addMonths(parseISO(date), cadence[type] + rnd.int(-1, 3)));
        }
        // Some tests booked ahead.
        if (rnd.chance(0.4)) {
          insertExercise.run(planId, approvals.at(-1)?.number ?? null, type, 'planned', daysFromNow(rnd.int(3, 120)), null, rnd.pick(people), '', 'Planned test', '', null, null, '');
          exercises += 1;
        }
      }
      if (rnd.chance(0.05)) {
        const heldOn = daysFromNow(-rnd.int(10, 200));
        insertExercise.run(planId, versionOn(heldOn), 'real_invocation', 'completed', null, heldOn, rnd.pick(people), 'Whole unit', 'Power cut to the building for two days',
          '', 'passed_with_issues', 30, rnd.chance(0.7) ? 'Staff did not know where the alternate site was; the cascade reached everyone in 50 minutes.' : '');
        exercises += 1;
      }
      for (const riskId of (riskIdsByNode.get(node.id) ?? []).slice(0, 2)) insertPlanRisk.run(riskId, planId);
    }

    return {
      nodes: nodes.length,
      people: scale.people,
      risks: totalRisks,
      openRisks: scale.openRisks,
      reviews,
      actions,
      plans: planNodes.length,
      planVersions,
      exercises,
      findings,
      users: { hq: emailOf(hqUser as number), divisionManager: emailOf(divisionPeople[0] as number), coordinator: emailOf(divisionPeople[1] as number) },
      hqId,
      divisionId: benchDivision.id,
      divisionRisks,
      riskId: writableRiskIds[0] as number,
      planId: benchPlanId,
      writableRiskIds,
      reviewerId: divisionPeople[2] as number,
    };
  })();
}
