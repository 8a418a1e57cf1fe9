import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { visibleText } from '../support/forms';
import { rowsChangedSoFar } from '../support/hostile';
import {
  applyFields, csvFile, csvRecords, decode, downloadBytes, dryRunChanges, dryRunErrors, setCell, uploadForDryRun, workbookZip,
} from '../support/spreadsheets';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';
import { csrfTokenIn, signInWith, type Client } from '../support/users';
import { RISK_COLUMNS } from '../../server/spreadsheets/columns';
import { MAX_ROWS } from '../../server/spreadsheets/read-rows';

// The register out as CSV and XLSX and back in through the dry run and the apply, on the demo
// organisation, through the real app. Files a real client writes are in spreadsheets-libreoffice.test.ts.

describe('spreadsheets of a register', () => {
  let t: TestApp;
  let manager: Client;
  let division: number;

  beforeAll(async () => {
    t = await startTestApp(TODAY, { demo: true });
    division = (await t.handle.db.selectFrom('nodes').select('id').where('code', '=', 'SCCTD').executeTakeFirstOrThrow()).id;
    manager = await signInWith(t.app, t.handle.db, [{ role: 'business_manager', node_id: division }]);
  });
  afterAll(() => t.close());

  const db = () => t.handle.db;
  const exportCsv = async (query = '?scope=all&status=all') => csvRecords((await downloadBytes(manager, `/nodes/${division}/register.csv${query}`)).bytes);
  const riskByReference = (reference: string) => db().selectFrom('risks').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();

  it('exports every matching risk as CSV: UTF-8 with a BOM, the import\'s headers, ISO days, formulas neutralised', async () => {
    await db().updateTable('risks').set({ title: '=HYPERLINK("http://evil.example","Click")', existing_controls: '- weekly check\n- "quoted" list, with commas' }).where('reference', '=', 'SCCTD-R02').execute();
    const csv = await downloadBytes(manager, `/nodes/${division}/register.csv?scope=all&status=all`);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.disposition).toBe('attachment; filename=SCCTD-overarching-risk-register-2026-11-23.csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = csvRecords(csv.bytes);
    expect(header).toEqual(RISK_COLUMNS.map((c) => c.name));
    const inScope = await db().selectFrom('risks as r').innerJoin('registers as g', 'g.id', 'r.register_id').innerJoin('nodes as n', 'n.id', 'g.node_id')
      .where((eb) => eb.or([eb('n.id', '=', division), eb('n.parent_id', '=', division), eb('n.parent_id', 'in', eb.selectFrom('nodes').select('id').where('parent_id', '=', division))]))
      .select('r.reference').execute();
    expect(rows.map((r) => r[0]).sort()).toEqual(inScope.map((r) => r.reference).sort());
    const row = rows.find((r) => r[0] === 'SCCTD-R02') as string[];
    const cell = (name: string) => row[(header as string[]).indexOf(name)];
    expect(cell('Title')).toBe('\'=HYPERLINK("http://evil.example","Click")');
    expect(cell('Existing controls')).toBe('\'- weekly check\n- "quoted" list, with commas');
    // Quoted, so a reader that splits rows at any line break (Excel, Python) still sees one cell.
    expect(csv.bytes.toString('utf8')).toContain('"\'- weekly check\n- ""quoted"" list, with commas"');
    expect(cell('Identified on')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(cell('Current score')).toMatch(/^\d+$/);
    expect(cell('Owner')).toMatch(/@cps\.example\.gov\.uk$/);
  });

  it('exports XLSX with a frozen header, an autofilter, widths, numbers, real dates, coloured levels and a second sheet of actions', async () => {
    const file = await downloadBytes(manager, `/nodes/${division}/register.xlsx?scope=all`);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Risks', 'Further actions']);
    const sheet = workbook.getWorksheet('Risks') as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(RISK_COLUMNS.map((c) => c.name));
    const column = (name: string) => header.indexOf(name) + 1;
    expect(sheet.getColumn(column('Title')).width).toBe(40);
    const row = sheet.getRow(2);
    expect(typeof row.getCell(column('Current score')).value).toBe('number');
    expect(row.getCell(column('Identified on')).value).toBeInstanceOf(Date);
    const levels = await db().selectFrom('matrix_levels').select(['name', 'colour']).execute();
    const level = row.getCell(column('Current level'));
    const colour = levels.find((l) => l.name === level.value)?.colour.replace('#', '').toUpperCase();
    expect((level.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${colour}`);
    const actions = workbook.getWorksheet('Further actions') as ExcelJS.Worksheet;
    expect((actions.getRow(1).values as unknown[]).slice(1)).toEqual(['Risk reference', 'Action', 'Owner', 'Owner name', 'Due on', 'Status', 'Completed on']);
    expect(actions.rowCount).toBeGreaterThan(1);
  });

  it('keeps the register page\'s filters, and the page links to the exports with them', async () => {
    const category = await db().selectFrom('categories').select(['id', 'name']).where('name', '=', 'Casework').executeTakeFirstOrThrow();
    const [header, ...rows] = await exportCsv(`?scope=all&category=${category.id}`);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[(header as string[]).indexOf('Category')]))).toEqual(new Set(['Casework']));
    const page = await manager.get(`/nodes/${division}?scope=all&category=${category.id}`).expect(200);
    expect(decode(page.text)).toContain(`href="/nodes/${division}/register.xlsx?scope=all&category=${category.id}"`);
    expect(decode(page.text)).toContain(`href="/nodes/${division}/register.csv?scope=all&category=${category.id}"`);
    expect(visibleText(page.text)).toContain('Import from a spreadsheet');
    const actions = csvRecords((await downloadBytes(manager, `/nodes/${division}/register-actions.csv?scope=all`)).bytes);
    expect(actions[0]).toEqual(['Risk reference', 'Action', 'Owner', 'Owner name', 'Due on', 'Status', 'Completed on']);
    expect(actions.length).toBeGreaterThan(1);
  });

  it('offers the import only to those who may manage the risks', async () => {
    const reader = await signInWith(t.app, db(), [{ role: 'hq_reviewer', node_id: null }]);
    const page = await reader.get(`/nodes/${division}`).expect(200);
    expect(visibleText(page.text)).toContain('Download as spreadsheet (XLSX)');
    expect(visibleText(page.text)).not.toContain('Import from a spreadsheet');
    await reader.get(`/nodes/${division}/import`).expect(403);
  });

  it('round trip: every demo register exported as CSV and as XLSX comes back with nothing to change, and nothing is stored', async () => {
    const admin = t.http;
    const nodes = await db().selectFrom('registers').select('node_id').distinct().execute();
    for (const { node_id: nodeId } of nodes) {
      for (const format of ['csv', 'xlsx'] as const) {
        const file = await downloadBytes(admin, `/nodes/${nodeId}/register.${format}?status=all`);
        const before = await rowsChangedSoFar(db());
        const dryRun = await uploadForDryRun(admin, nodeId, file.bytes, `register.${format}`).expect(200);
        expect([nodeId, format, visibleText(dryRun.text)]).toEqual([nodeId, format, expect.stringContaining('Nothing would change')]);
        expect(visibleText(dryRun.text)).toMatch(/ 0 to add, 0 to change, \d+ left alone\./);
        expect(await rowsChangedSoFar(db())).toBe(before);
      }
    }
  });

  it('ten cells changed: the dry run lists exactly those ten, apply writes them in one go with the form\'s history and one import event', async () => {
    const records = await exportCsv();
    const owner = await db().selectFrom('people').select(['id', 'email']).where('email', 'like', 'hannah%').executeTakeFirstOrThrow();
    const edits: [string, string, string][] = [
      ['SCCTD-R01', 'Current likelihood', '2'],
      ['SCCTD-R01', 'Title', 'Counter terrorism casework: loss of specialist prosecutors'],
      ['SCCTD-R03', 'Current impact', '5'],
      ['SCCTD-R03', 'Treatment', 'Tolerate'],
      ['SCCTD-R04', 'Owner', owner.email.toUpperCase()],
      ['SCCTD-R04', 'Identified on', '2026-04-01'],
      ['SCCTD-R05', 'Existing controls', 'Weekly case progression meeting\nDaily check of the "custody time limit" diary'],
      ['SCCTD-CT-R01', 'Degree of influence', 'Outside our control'],
      ['SCCTD-CT-R02', 'Target impact', '1'],
      ['SCCTD-SC-R01', 'Category', 'people'],
    ];
    for (const [reference, column, value] of edits) setCell(records, reference, column, value);
    // Computed columns are read-only: an edit there changes nothing.
    setCell(records, 'SCCTD-SC-R02', 'Current score', '99');
    const before = await rowsChangedSoFar(db());
    const dryRun = await uploadForDryRun(manager, division, csvFile(records), 'edited.csv').expect(200);
    const changes = dryRunChanges(dryRun.text);
    expect(changes).toHaveLength(10);
    expect(changes).toEqual(expect.arrayContaining([
      expect.stringMatching(/^SCCTD-R01 Current likelihood: \d → 2$/),
      expect.stringMatching(/^SCCTD-R03 Treatment: \w+ → Tolerate$/),
      expect.stringMatching(new RegExp(`^SCCTD-R04 Owner: .* → ${owner.email}$`)),
      expect.stringMatching(/^SCCTD-SC-R01 Category: \w+ → People$/),
    ]));
    // The dry run keeps the file for the apply: one row stored, nothing else.
    expect(await rowsChangedSoFar(db())).toBe(before + 1);

    const r01 = await riskByReference('SCCTD-R01');
    const lastEvent = (await db().selectFrom('audit_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0;
    const applied = await manager.post(`/nodes/${division}/import/apply`).type('form').send(applyFields(dryRun.text)).expect(303);
    const landing = visibleText((await manager.get(applied.headers.location as string).expect(200)).text);
    expect(landing).toContain('edited.csv imported: 0 risks added, 7 risks changed');
    const after = await riskByReference('SCCTD-R01');
    expect([after.current_likelihood, after.title, after.version]).toEqual([2, 'Counter terrorism casework: loss of specialist prosecutors', r01.version + 1]);
    expect((await riskByReference('SCCTD-R04')).owner_id).toBe(owner.id);
    expect((await riskByReference('SCCTD-R05')).existing_controls).toBe('Weekly case progression meeting\nDaily check of the "custody time limit" diary');
    const events = await db().selectFrom('audit_events').select(['entity_type', 'action', 'before', 'after', 'risk_id']).where('id', '>', lastEvent).orderBy('id').execute();
    const updates = events.filter((e) => e.entity_type === 'risk');
    expect(updates).toHaveLength(7);
    expect(updates.every((e) => e.action === 'update')).toBe(true);
    expect(JSON.parse(updates.find((e) => e.risk_id === r01.id)?.after ?? '{}')).toEqual({ current_likelihood: 2, title: 'Counter terrorism casework: loss of specialist prosecutors' });
    const imports = events.filter((e) => e.entity_type === 'import');
    expect(imports).toHaveLength(1);
    expect(JSON.parse(imports[0]?.after ?? '{}')).toMatchObject({ file_name: 'edited.csv', changed: expect.arrayContaining(['SCCTD-R01', 'SCCTD-SC-R01']), added: [] });

    // A second press of the same button writes nothing again.
    const again = await rowsChangedSoFar(db());
    const twice = await manager.post(`/nodes/${division}/import/apply`).type('form').send(applyFields(dryRun.text)).expect(409);
    expect(visibleText(twice.text)).toContain('This import was already applied, so nothing was written again');
    expect(await rowsChangedSoFar(db())).toBe(again);

    // And the same file again is now no change at all.
    const rerun = await uploadForDryRun(manager, division, csvFile(await exportCsv()), 'again.csv').expect(200);
    expect(visibleText(rerun.text)).toContain('Nothing would change');
  });

  it('adds a row with no reference as a new risk in the register its code names', async () => {
    const records = await exportCsv();
    const header = records[0] as string[];
    const template = [...(records.find((r) => r[0] === 'SCCTD-CT-R01') as string[])];
    const set = (name: string, value: string) => { template[header.indexOf(name)] = value; };
    set('Reference', ''); set('Register', 'scctd-ct'); set('Title', 'Loss of the secure video link to Westminster Magistrates\' Court'); set('Version', '');
    records.push(template);
    const dryRun = await uploadForDryRun(manager, division, csvFile(records), 'new-risk.csv').expect(200);
    expect(visibleText(dryRun.text)).toMatch(/1 to add, 0 to change/);
    await manager.post(`/nodes/${division}/import/apply`).type('form').send(applyFields(dryRun.text)).expect(303);
    const added = await db().selectFrom('risks').select(['reference', 'status']).where('title', '=', 'Loss of the secure video link to Westminster Magistrates\' Court').executeTakeFirstOrThrow();
    expect(added.reference).toMatch(/^SCCTD-CT-R\d\d$/);
    expect(added.status).toBe('open');
    const created = await db().selectFrom('audit_events').select('action').where('entity_type', '=', 'risk').where('subject', 'like', `${added.reference} %`).execute();
    expect(created.map((e) => e.action)).toEqual(['create']);
  });

  it('lists every error by row and column with a stable code and the consequence, and stores nothing', async () => {
    const records = await exportCsv();
    setCell(records, 'SCCTD-R01', 'Current impact', 'Severe');
    setCell(records, 'SCCTD-R03', 'Owner', 'Nobody Known');
    setCell(records, 'SCCTD-R04', 'Identified on', '31/02/2026');
    setCell(records, 'SCCTD-R05', 'Category', 'Weather');
    setCell(records, 'SCCTD-CT-R01', 'Register', 'IJOCD');
    setCell(records, 'SCCTD-CT-R02', 'Title', '');
    setCell(records, 'SCCTD-SC-R01', 'Reference', 'SCCTD-R99');
    setCell(records, 'SCCTD-SC-R02', 'Cause', '=1+2');
    setCell(records, 'SCCTD-SC-R03', 'Reference', 'IJOCD-R01');
    // A new row for a register of another division.
    const header = records[0] as string[];
    const newRow = [...(records.find((r) => r[0] === 'SCCTD-CT-R03') as string[])];
    newRow[0] = '';
    newRow[header.indexOf('Register')] = 'IJOCD';
    records.push(newRow);
    const lineOf = (reference: string) => records.findIndex((r) => r[0] === reference) + 1;
    const before = await rowsChangedSoFar(db());
    const dryRun = await uploadForDryRun(manager, division, csvFile(records), 'mistakes.csv').expect(400);
    const errors = dryRunErrors(dryRun.text);
    expect(errors).toEqual(expect.arrayContaining([
      `not-in-scale: Row ${lineOf('SCCTD-R01')}, Current impact: “Severe” is not one of 1–5; the row would not be imported`,
      expect.stringMatching(new RegExp(`^unknown-person: Row ${lineOf('SCCTD-R03')}, Owner: “Nobody Known” is not the email address of anyone in Bulwark`)),
      expect.stringMatching(new RegExp(`^bad-date: Row ${lineOf('SCCTD-R04')}, Identified on: “31/02/2026” is not a date`)),
      expect.stringMatching(new RegExp(`^not-in-list: Row ${lineOf('SCCTD-R05')}, Category: “Weather” is not a category`)),
      expect.stringMatching(new RegExp(`^register-differs: Row ${lineOf('SCCTD-CT-R01')}, Register: SCCTD-CT-R01 is in SCCTD-CT, not IJOCD`)),
      `required: Row ${lineOf('SCCTD-CT-R02')}, Title: enter a title for the risk; the row would not be imported`,
      expect.stringMatching(new RegExp(`^unknown-reference: Row ${lineOf('SCCTD-R99')}, Reference: there is no risk SCCTD-R99`)),
      expect.stringMatching(new RegExp(`^formula: Row ${lineOf('SCCTD-SC-R02')}, Cause: the cell holds a formula \\(=1\\+2\\)`)),
      expect.stringMatching(new RegExp(`^out-of-scope: Row ${lineOf('IJOCD-R01')}, Reference: IJOCD-R01 is in a register outside this part of the organisation`)),
      expect.stringMatching(new RegExp(`^unknown-register: Row ${records.length}, Register: “IJOCD” is not the code of an open register of this part of the organisation that you manage`)),
    ]));
    expect(errors).toHaveLength(10);
    expect(visibleText(dryRun.text)).toContain('Nothing is imported until every row is right');
    expect(dryRun.text).not.toContain('/import/apply');
    expect(await rowsChangedSoFar(db())).toBe(before);
  });

  it('refuses a stale apply with 409, naming the rows that changed, and writes nothing', async () => {
    const records = await exportCsv();
    setCell(records, 'SCCTD-R02', 'Effect', 'Trials adjourned and victims lose confidence in the service');
    const dryRun = await uploadForDryRun(manager, division, csvFile(records), 'stale.csv').expect(200);
    // Someone saves the risk through the form in between.
    const r02 = await riskByReference('SCCTD-R02');
    await db().updateTable('risks').set({ current_likelihood: r02.current_likelihood === 5 ? 4 : 5, version: r02.version + 1 }).where('id', '=', r02.id).execute();
    const before = await rowsChangedSoFar(db());
    const stale = await manager.post(`/nodes/${division}/import/apply`).type('form').send(applyFields(dryRun.text)).expect(409);
    const text = visibleText(stale.text);
    expect(text).toContain('Nothing was imported: since your dry run, 1 risk in the file changed in Bulwark.');
    expect(text).toContain(`SCCTD-R02 (row ${records.findIndex((r) => r[0] === 'SCCTD-R02') + 1})`);
    expect(await rowsChangedSoFar(db())).toBe(before);
    expect((await riskByReference('SCCTD-R02')).effect).toBe(r02.effect);
    // The page is the dry run again from what is saved now: the row would undo the other change, so it is refused until exported again.
    expect(dryRunErrors(stale.text)).toEqual([expect.stringMatching(/^changed-since-export: Row \d+, Version: SCCTD-R02 was changed in Bulwark after this spreadsheet was exported/)]);
    expect(stale.text).not.toContain('/import/apply');
  });

  it('refuses a row edited over an older export (its Version) rather than undo someone else\'s change', async () => {
    const records = await exportCsv();
    setCell(records, 'SCCTD-SC-R03', 'Title', 'Disclosure failings in rape and serious sexual offence cases');
    const r = await riskByReference('SCCTD-SC-R03');
    await db().updateTable('risks').set({ cause: `${r.cause} Staff turnover.`, version: r.version + 1 }).where('id', '=', r.id).execute();
    const dryRun = await uploadForDryRun(manager, division, csvFile(records), 'old-export.csv').expect(400);
    expect(dryRunErrors(dryRun.text)).toEqual([expect.stringMatching(/^changed-since-export: Row \d+, Version: SCCTD-SC-R03 was changed in Bulwark after this spreadsheet was exported/)]);
  });

  describe('hostile files: each refused with its message, nothing written', () => {
    const header = RISK_COLUMNS.map((c) => c.name);
    async function refused(bytes: Buffer, fileName: string, status: number): Promise<string> {
      const before = await rowsChangedSoFar(db());
      const res = await uploadForDryRun(manager, division, bytes, fileName);
      expect([fileName, res.status]).toEqual([fileName, status]);
      expect(await rowsChangedSoFar(db())).toBe(before);
      // The message is beside the file field, linked from the error summary.
      expect(res.text).toContain('href="#file"');
      return visibleText(res.text);
    }
    const csvWith = (head: string[]) => csvFile([head, head.map(() => '')]);

    it('wrong, missing and repeated columns', async () => {
      expect(await refused(csvWith([...header.slice(0, 2), 'Titel', ...header.slice(3)]), 'wrong.csv', 400)).toContain('Bulwark does not know “Titel” (column C)');
      expect(await refused(csvWith(header.filter((h) => h !== 'Owner' && h !== 'Treatment')), 'missing.csv', 400)).toContain('The file has no columns “Owner”, “Treatment”');
      expect(await refused(csvWith([...header, 'Title']), 'repeated.csv', 400)).toContain('The file names a column more than once: “Title” (columns C and AG)');
      expect(await refused(csvWith(['Risk reference', 'Action', 'Owner']), 'actions.csv', 400)).toContain('This is the further actions file');
    });

    it('non-UTF-8 CSV, semicolons, and an XLS', async () => {
      const latin1 = Buffer.from(`${header.join(',')}\r\n,SCCTD,Caf\u00e9 r\u00f4le\r\n`, 'latin1');
      expect(await refused(latin1, 'latin1.csv', 400)).toContain('The file is not UTF-8 text, the encoding Bulwark expects');
      expect(await refused(Buffer.from(`${header.join(';')}\r\n`), 'semicolons.csv', 400)).toContain('separates its columns with semicolons');
      expect(await refused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls', 400)).toContain('old Excel workbook (.xls)');
    });

    it('more than 20,000 rows', async () => {
      const row = header.map(() => 'x').join(',');
      const big = Buffer.from(`${header.join(',')}\n${`${row}\n`.repeat(MAX_ROWS + 1)}`);
      expect(await refused(big, 'huge.csv', 400)).toContain('The file has 20,001 rows of risks; Bulwark imports at most 20,000 at a time');
    });

    it('a 50 MB upload is refused before it is read', async () => {
      const text = await refused(Buffer.alloc(50 * 1024 * 1024, 0x41), 'big.csv', 413);
      expect(text).toContain('The file is larger than 10 MB, so it was not read');
    });

    it('an upload that gives no length is cut off at 10 MB as it streams', async () => {
      const server = t.app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const cookie = (await manager.get('/')).request.cookies;
        const token = csrfTokenIn((await manager.get(`/nodes/${division}/import`).expect(200)).text);
        const before = await rowsChangedSoFar(db());
        const boundary = 'bulwark-test-boundary';
        const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const request = http.request({ host: '127.0.0.1', port, path: `/nodes/${division}/import`, method: 'POST', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' } }, (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => { body += chunk.toString(); });
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
          });
          request.on('error', reject);
          request.write(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`);
          const chunk = Buffer.alloc(1024 * 1024, 0x41);
          let sent = 0;
          const more = () => {
            while (sent < 12) {
              sent++;
              if (!request.write(chunk)) { request.once('drain', more); return; }
            }
            request.end(`\r\n--${boundary}--\r\n`);
          };
          more();
        });
        expect(answer.status).toBe(413);
        expect(visibleText(answer.body)).toContain('The file is larger than 10 MB, so it was not read');
        expect(await rowsChangedSoFar(db())).toBe(before);
      } finally {
        server.close();
      }
    });

    it('a zip bomb, counted while it inflates', async () => {
      const message = 'The workbook inflates to far more than its size (a "zip bomb"), so it was not read';
      const honest = workbookZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024, 0x20) }]);
      expect(honest.length).toBeLessThan(100 * 1024);
      expect(await refused(honest, 'bomb.xlsx', 400)).toContain(message);
      // One whose directory claims a kilobyte is caught by counting what actually comes out.
      const lying = workbookZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024, 0x20), claimedSize: 1000 }]);
      expect(await refused(lying, 'lying-bomb.xlsx', 400)).toContain(message);
    });

    it('macros, external links and formulas in an XLSX', async () => {
      expect(await refused(workbookZip([{ name: 'xl/vbaProject.bin', data: Buffer.from('macro') }]), 'macros.xlsx', 400)).toContain('The workbook contains macros (VBA)');
      expect(await refused(workbookZip([{ name: 'xl/externalLinks/externalLink1.xml', data: Buffer.from('<externalLink/>') }]), 'links.xlsx', 400)).toContain('The workbook links to other workbooks');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Risks');
      sheet.addRow(header);
      sheet.addRow(header.map(() => 'x'));
      sheet.getCell('F2').value = { formula: 'HYPERLINK("http://evil.example","Click")', result: 'Click' };
      const withFormula = Buffer.from(await workbook.xlsx.writeBuffer());
      expect(await refused(withFormula, 'formula.xlsx', 400)).toContain('The workbook holds formulas (the first in cell F2), so it was not read');
    });

    it('a file that is not a spreadsheet at all', async () => {
      expect(await refused(Buffer.from('PK\u0003\u0004 not really a zip'), 'broken.xlsx', 400)).toContain('The file is not an XLSX workbook');
    });
  });

  it('handles quotes, commas and line breaks inside cells both ways', async () => {
    const records = await exportCsv();
    const text = 'Counsel said "adjourn", the court agreed;\nwe lost the trial date\n\nand a second line, with commas';
    setCell(records, 'SCCTD-R01', 'Effect', text);
    const dryRun = await uploadForDryRun(manager, division, csvFile(records), 'quotes.csv').expect(200);
    await manager.post(`/nodes/${division}/import/apply`).type('form').send(applyFields(dryRun.text)).expect(303);
    expect((await riskByReference('SCCTD-R01')).effect).toBe(text);
    const back = await exportCsv();
    expect(back.find((r) => r[0] === 'SCCTD-R01')?.[(back[0] as string[]).indexOf('Effect')]).toBe(text);
  });
});
