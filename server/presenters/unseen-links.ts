// Records linked from parts of the organisation the reader cannot read are counted, never named:
// the reader learns that a link exists (the list would otherwise look complete) and nothing more.

/**
 * "and 2 others you cannot see" after a list of the ones shown; "2 plans you cannot see" when
 * none is shown; undefined when nothing is hidden.
 */
export function unseenLinks(hidden: number, shown: number, noun: { one: string; many: string }): string | undefined {
  if (hidden === 0) return undefined;
  if (shown > 0) return `and ${hidden} ${hidden === 1 ? 'other' : 'others'} you cannot see`;
  return `${hidden} ${hidden === 1 ? noun.one : noun.many} you cannot see`;
}

export const PLAN_NOUN = { one: 'plan', many: 'plans' };
export const RISK_NOUN = { one: 'risk', many: 'risks' };
