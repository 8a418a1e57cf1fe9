// The columns of an exported register, which are also the columns an import reads: one list,
// so the two cannot drift apart (docs/spreadsheets.md).

/** One risk as exported: names for ids, days as ISO strings, the computed figures beside. */
export interface ExportRisk {
  id: number;
  reference: string;
  register_code: string;
  title: string;
  cause: string;
  event: string;
  effect: string;
  category: string;
  objective: string | null;
  owner_email: string | null;
  owner_name: string | null;
  manager_email: string | null;
  manager_name: string | null;
  identified_on: string;
  status: string;
  closed_on: string | null;
  closure_reason: string | null;
  treatment: string;
  influence: string;
  inherent_likelihood: number;
  inherent_impact: number;
  current_likelihood: number;
  current_impact: number;
  target_likelihood: number;
  target_impact: number;
  current_score: number;
  current_level: string;
  current_level_rank: number;
  target_score: number;
  target_level: string;
  target_level_rank: number;
  existing_controls: string;
  last_reviewed_on: string | null;
  review_due_on: string | null;
  version: number;
}

export type CellKind = 'text' | 'number' | 'date';

export interface RiskColumn {
  /** The header, in the export and in an import. */
  name: string;
  key: keyof ExportRisk;
  kind: CellKind;
  /** Width in characters in the XLSX. */
  width: number;
  /**
   * 'field': a risk field the import reads (every import needs the column);
   * 'key': Reference, how rows are matched; 'check': Version, read to refuse edits made over an
   * older export; 'computed': exported for reading, ignored on import.
   */
  role: 'key' | 'field' | 'check' | 'computed';
  /** A level's rank, for the XLSX cell's colour. */
  levelRank?: keyof ExportRisk;
}

const field = (name: string, key: keyof ExportRisk, kind: CellKind, width: number): RiskColumn => ({ name, key, kind, width, role: 'field' });
const computed = (name: string, key: keyof ExportRisk, kind: CellKind, width: number, levelRank?: keyof ExportRisk): RiskColumn => ({ name, key, kind, width, role: 'computed', ...(levelRank ? { levelRank } : {}) });

export const RISK_COLUMNS: readonly RiskColumn[] = [
  { name: 'Reference', key: 'reference', kind: 'text', width: 14, role: 'key' },
  field('Register', 'register_code', 'text', 14),
  field('Title', 'title', 'text', 40),
  field('Cause', 'cause', 'text', 40),
  field('Event', 'event', 'text', 40),
  field('Effect', 'effect', 'text', 40),
  field('Category', 'category', 'text', 16),
  field('Strategic objective', 'objective', 'text', 30),
  field('Owner', 'owner_email', 'text', 30),
  computed('Owner name', 'owner_name', 'text', 22),
  field('Manager', 'manager_email', 'text', 30),
  computed('Manager name', 'manager_name', 'text', 22),
  field('Identified on', 'identified_on', 'date', 13),
  field('Status', 'status', 'text', 9),
  field('Closed on', 'closed_on', 'date', 13),
  field('Closure reason', 'closure_reason', 'text', 30),
  field('Treatment', 'treatment', 'text', 11),
  field('Degree of influence', 'influence', 'text', 24),
  field('Inherent likelihood', 'inherent_likelihood', 'number', 10),
  field('Inherent impact', 'inherent_impact', 'number', 10),
  field('Current likelihood', 'current_likelihood', 'number', 10),
  field('Current impact', 'current_impact', 'number', 10),
  field('Target likelihood', 'target_likelihood', 'number', 10),
  field('Target impact', 'target_impact', 'number', 10),
  computed('Current score', 'current_score', 'number', 9),
  computed('Current level', 'current_level', 'text', 11, 'current_level_rank'),
  computed('Target score', 'target_score', 'number', 9),
  computed('Target level', 'target_level', 'text', 11, 'target_level_rank'),
  field('Existing controls', 'existing_controls', 'text', 50),
  computed('Last reviewed', 'last_reviewed_on', 'date', 13),
  computed('Next review due', 'review_due_on', 'date', 13),
  { name: 'Version', key: 'version', kind: 'number', width: 9, role: 'check' },
];

/** One further action as exported: keyed by its risk's reference. */
export interface ExportAction {
  risk_reference: string;
  description: string;
  owner_email: string | null;
  owner_name: string | null;
  due_on: string | null;
  status: string;
  completed_on: string | null;
}

export interface ActionColumn {
  name: string;
  key: keyof ExportAction;
  kind: CellKind;
  width: number;
}

export const ACTION_COLUMNS: readonly ActionColumn[] = [
  { name: 'Risk reference', key: 'risk_reference', kind: 'text', width: 14 },
  { name: 'Action', key: 'description', kind: 'text', width: 60 },
  { name: 'Owner', key: 'owner_email', kind: 'text', width: 30 },
  { name: 'Owner name', key: 'owner_name', kind: 'text', width: 22 },
  { name: 'Due on', key: 'due_on', kind: 'date', width: 13 },
  { name: 'Status', key: 'status', kind: 'text', width: 12 },
  { name: 'Completed on', key: 'completed_on', kind: 'date', width: 13 },
];

/** The sheet names of an exported workbook; an import reads the first ("Risks"). */
export const RISKS_SHEET = 'Risks';
export const ACTIONS_SHEET = 'Further actions';
