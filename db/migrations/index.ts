import type { Migration } from 'kysely';
import * as m001 from './001_initial';
import * as m002 from './002_identity';
import * as m003 from './003_audit';
import * as m004 from './004_plans';
import * as m005 from './005_settings';
import * as m006 from './006_exercises';
import * as m007 from './007_security_log';
import * as m008 from './008_stored_facts';
import * as m009 from './009_recorded_levels';
import * as m010 from './010_registers_managed';
import * as m011 from './011_joined_registers';
import * as m012 from './012_quarterly_returns';
import * as m013 from './013_spreadsheet_uploads';
import * as m015 from './015_calendar_feeds';
import * as m016 from './016_plan_standing_counter';
import * as m017 from './017_open_risks_by_register';

// An explicit, frozen index: tests and production run exactly the same migrations,
// in this order, whatever files happen to be on disk.
export const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_identity': m002,
  '003_audit': m003,
  '004_plans': m004,
  '005_settings': m005,
  '006_exercises': m006,
  '007_security_log': m007,
  '008_stored_facts': m008,
  '009_recorded_levels': m009,
  '010_registers_managed': m010,
  '011_joined_registers': m011,
  '012_quarterly_returns': m012,
  '013_spreadsheet_uploads': m013,
  '015_calendar_feeds': m015,
  '016_plan_standing_counter': m016,
  '017_open_risks_by_register': m017,
};
