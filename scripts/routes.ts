// Prints every route with the rule that guards it, as a Markdown table: npm run routes
import { openDatabase } from '../db/connection';
import { createApp } from '../server/app';
import { systemClock } from '../server/clock';
import { createLogger } from '../server/logger';
import { createPlanPrinter } from '../server/print/plan-printer';
import { describeRule, listRouteRules } from '../server/access/route-rules';

const handle = openDatabase(':memory:');
const printer = createPlanPrinter();
const app = createApp({ db: handle.db, clock: systemClock, cookies: { secure: false }, printer, publicBaseUrl: 'http://localhost:3000', logger: createLogger('silent') });
console.log('| method | path | who may use it |\n|---|---|---|');
for (const route of listRouteRules(app)) console.log(`| ${route.method} | \`${route.path}\` | ${describeRule(route.rule)} |`);
void Promise.all([printer.close(), handle.close()]);
