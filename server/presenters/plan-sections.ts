import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import {
  AUDIENCE_LABELS,
  CARD_SCENARIO_LABELS,
  CONTACT_KIND_LABELS,
  LOSS_SCENARIO_LABELS,
  LOSS_SCENARIOS,
  RESOURCE_KIND_LABELS,
  RESOURCE_KINDS,
  SECTIONS,
  type PlanContent,
  type SectionKey,
} from '../domain/plan-content';
import { EXERCISE_TYPE_LABELS } from '../domain/vocabulary';
import type { PrintBlock, PrintSection } from '../print/plan-document';

// A plan's content as display blocks, section by section: the same blocks make the plan page
// and the printed plan, so what a coordinator reads on screen is what prints.

const NOT_RECORDED = 'Not recorded';
const orNot = (value: string) => (value.trim() === '' ? NOT_RECORDED : value);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** 0.5 → '30 minutes', 4 → '4 hours', 48 → '2 days', null → ''. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '';
  if (hours < 1) return plural(Math.round(hours * 60), 'minute', 'minutes');
  if (hours >= 24 && hours % 24 === 0) return plural(hours / 24, 'day', 'days');
  return plural(hours, 'hour', 'hours');
}

/** '2026-11-23' → '23 November 2026'; '' for none. */
export function formatLongDate(isoDay: string | null): string {
  return isoDay ? format(parseISO(isoDay), 'd MMMM yyyy') : '';
}

function sectionBlocks(key: SectionKey, content: PlanContent): PrintBlock[] {
  switch (key) {
    case 'documentControl':
      return [
        {
          kind: 'table',
          heading: 'Distribution list',
          columns: ['Name', 'Role'],
          rows: content.documentControl.distribution.map((r) => [r.name, r.role]),
          emptyText: 'No distribution list yet',
        },
      ];
    case 'purpose':
      return [
        { kind: 'fields', rows: [{ label: 'Purpose', value: orNot(content.purpose.purpose) }, { label: 'Scope', value: orNot(content.purpose.scope) }] },
        {
          kind: 'fields',
          heading: 'Planning assumptions',
          rows: LOSS_SCENARIOS.map((scenario) => ({ label: LOSS_SCENARIO_LABELS[scenario], value: orNot(content.purpose.assumptions[scenario]) })),
        },
      ];
    case 'invocation': {
      const invocation = content.invocation;
      return [
        { kind: 'list', heading: 'Triggers', ordered: false, items: invocation.triggers.map((t) => t.trigger), emptyText: 'No triggers recorded' },
        {
          kind: 'fields',
          heading: 'Who invokes the plan, and how',
          rows: [
            { label: 'Who may invoke', value: orNot(invocation.whoMayInvoke) },
            { label: 'Deputy', value: orNot(invocation.deputy) },
            { label: 'How', value: orNot(invocation.how) },
            { label: 'Where the team meets', value: orNot(invocation.meetingPoint) },
            { label: 'If that is unavailable', value: orNot(invocation.alternativeMeetingPoint) },
          ],
        },
      ];
    }
    case 'responseTeam':
      return [
        {
          kind: 'table',
          columns: ['Role', 'Primary', 'Alternate'],
          rows: content.responseTeam.roles.map((r) => [r.role, orNot(r.primary), orNot(r.alternate)]),
          emptyText: 'No response team recorded',
        },
      ];
    case 'contacts':
      return [
        {
          kind: 'table',
          heading: 'Call cascade',
          columns: ['Step', 'Caller', 'Calls', 'Phone', 'Internal or external'],
          rows: content.contacts.cascade.map((r) => [r.order === null ? '' : String(r.order), r.caller, r.calls, r.phone, CONTACT_KIND_LABELS[r.kind]]),
          emptyText: 'No call cascade recorded',
        },
        {
          kind: 'table',
          heading: 'External contacts',
          columns: ['Organisation', 'Contact', 'Phone', 'Why they are called'],
          rows: content.contacts.external.map((r) => [r.organisation, r.name, r.phone, r.purpose]),
          emptyText: 'No external contacts recorded',
        },
      ];
    case 'criticalActivities':
      return [
        {
          kind: 'table',
          columns: ['Priority', 'Activity', 'RTO', 'MTPD', 'RPO', 'Minimum staff', 'Peak periods'],
          rows: content.criticalActivities.activities.map((r) => [
            r.priority === null ? '' : String(r.priority),
            r.activity,
            formatHours(r.rtoHours),
            formatHours(r.mtpdHours),
            formatHours(r.rpoHours),
            r.minimumStaff === null ? '' : String(r.minimumStaff),
            r.peakPeriods,
          ]),
          emptyText: 'No critical activities recorded',
        },
      ];
    case 'resources': {
      // Grouped by type in the standard order, whatever order they were typed in.
      const items = [...content.resources.items].sort((a, b) => RESOURCE_KINDS.indexOf(a.kind) - RESOURCE_KINDS.indexOf(b.kind));
      return [
        {
          kind: 'table',
          columns: ['Type', 'Resource', 'Details'],
          rows: items.map((r) => [RESOURCE_KIND_LABELS[r.kind], r.name, r.detail]),
          emptyText: 'No resources or dependencies recorded',
        },
      ];
    }
    case 'alternativeWorking': {
      const working = content.alternativeWorking;
      return [
        {
          kind: 'fields',
          rows: [
            { label: 'Other site', value: orNot(working.otherSite) },
            { label: 'Travel time', value: orNot(working.travelTime) },
            { label: 'Home working', value: orNot(working.homeWorking) },
            { label: 'Who arranges it', value: orNot(working.contact) },
          ],
        },
      ];
    }
    case 'recovery':
      return [
        {
          kind: 'cards',
          cards: content.recovery.cards.map((card) => ({ title: card.role || 'Role not named', subtitle: CARD_SCENARIO_LABELS[card.scenario], steps: card.steps })),
          emptyText: 'No action cards recorded',
        },
      ];
    case 'communications':
      return [
        {
          kind: 'table',
          columns: ['Audience', 'Who tells them', 'How'],
          rows: content.communications.messages.map((r) => [AUDIENCE_LABELS[r.audience], orNot(r.responsible), orNot(r.method)]),
          emptyText: 'No communications recorded',
        },
      ];
    case 'incidentLog': {
      const log = content.incidentLog;
      return [
        {
          kind: 'fields',
          heading: 'Incident log',
          rows: [
            { label: 'Kept by', value: orNot(log.logKeeper) },
            { label: 'How it is kept', value: orNot(log.logMethod) },
          ],
        },
        {
          kind: 'fields',
          heading: 'Stand-down',
          rows: [
            { label: 'Decided by', value: orNot(log.standDownAuthority) },
            { label: 'When', value: orNot(log.standDownCriteria) },
            { label: 'Debrief and lessons learned', value: orNot(log.debrief) },
          ],
        },
      ];
    }
    case 'exercising':
      return [
        {
          kind: 'list',
          heading: 'Required tests',
          ordered: false,
          items: content.exercising.requiredTests.map((type) => EXERCISE_TYPE_LABELS[type]),
          emptyText: 'No tests required yet',
        },
        { kind: 'fields', rows: [{ label: 'Maintenance', value: orNot(content.exercising.maintenance) }] },
      ];
  }
}

/**
 * Every section of the standard format as display blocks, 0 to 11. Sections named in
 * `guidanceFor` (a draft's incomplete ones) start with their guidance.
 */
export function planSectionBlocks(content: PlanContent, guidanceFor: ReadonlySet<SectionKey> = new Set()): (PrintSection & { key: SectionKey })[] {
  return SECTIONS.map((section) => ({
    number: section.number,
    key: section.key,
    title: section.title,
    blocks: [
      ...(guidanceFor.has(section.key) ? [{ kind: 'guidance' as const, text: section.guidance }] : []),
      ...sectionBlocks(section.key, content),
    ],
  }));
}
