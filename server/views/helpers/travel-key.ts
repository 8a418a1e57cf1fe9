import { DIRECTION_SYMBOLS } from '../../presenters/risk-rules';

/** {{#each (travelKey)}}: each direction of travel's arrow and words, worsening first, for the register's key. */
export function travelKey(): { symbol: string; label: string }[] {
  return [DIRECTION_SYMBOLS.up, DIRECTION_SYMBOLS.down, DIRECTION_SYMBOLS.same, DIRECTION_SYMBOLS.new];
}
