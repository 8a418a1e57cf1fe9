import { csvFile, csvRecords, convertWithLibreOffice, downloadBytes, dryRunChanges, dryRunErrors, applyFields, setCell, uploadForDryRun } from '../support/spreadsheets';
import { visibleText } from '../support/forms';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';

// A real client reads Bulwark's files and writes the files Bulwark reads: LibreOffice headless
// (Debian's libreoffice-calc-nogui, installed by scripts/setup.sh). Each conversion starts
// LibreOffice, a few seconds each, so the tests here are few and allowed minutes.

const LIBREOFFICE_TIMEOUT = 300_000;

describe('spreadsheets read and written by LibreOffice', () => {
  let t: TestApp;
  let division: number;

  beforeAll(async () => {
    t = await startTestApp(TODAY, { demo: true });
    division = (await t.handle.db.selectFrom('nodes').select('id').where('code', '=', 'SCCTD').executeTakeFirstOrThrow()).id;
    await t.handle.db.updateTable('risks').set({ title: '@SUM(1+1) is not a formula here', existing_controls: '=cmd|\' /C calc\'!A0\n- second line' }).where('reference', '=', 'SCCTD-R02').execute();
  });
  afterAll(() => t.close());

  it('an exported XLSX opens in LibreOffice with the same values as the CSV export: numbers, ISO dates, formulas neutralised', async () => {
    const query = '?scope=all&status=all';
    const xlsx = await downloadBytes(t.http, `/nodes/${division}/register.xlsx${query}`);
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const read = csvRecords(await convertWithLibreOffice(xlsx.bytes, 'register.xlsx', 'csv'));
    const exported = csvRecords((await downloadBytes(t.http, `/nodes/${division}/register.csv${query}`)).bytes);
    expect(read[0]).toEqual(exported[0]);
    expect(read.length).toBe(exported.length);
    expect(read).toEqual(exported);
    const header = read[0] as string[];
    const r02 = read.find((r) => r[0] === 'SCCTD-R02') as string[];
    expect(r02[header.indexOf('Title')]).toBe("'@SUM(1+1) is not a formula here");
    expect(r02[header.indexOf('Existing controls')]).toBe("'=cmd|' /C calc'!A0\n- second line");
    expect(r02[header.indexOf('Identified on')]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r02[header.indexOf('Current score')]).toMatch(/^\d+$/);
  }, LIBREOFFICE_TIMEOUT);

  it('a sheet edited and saved as XLSX by LibreOffice imports exactly its edits, and its round trip changes nothing', async () => {
    const records = csvRecords((await downloadBytes(t.http, `/nodes/${division}/register.csv?scope=all&status=all`)).bytes);
    setCell(records, 'SCCTD-R01', 'Current impact', '2');
    setCell(records, 'SCCTD-R03', 'Next review due', '2030-01-01');
    setCell(records, 'SCCTD-CT-R01', 'Identified on', '2026-05-04');
    setCell(records, 'SCCTD-SC-R01', 'Treatment', 'Transfer');
    const xlsx = await convertWithLibreOffice(csvFile(records), 'edited.csv', 'xlsx');
    const dryRun = await uploadForDryRun(t.http, division, xlsx, 'edited.xlsx');
    expect([dryRun.status, dryRunErrors(dryRun.text)]).toEqual([200, []]);
    expect(dryRunChanges(dryRun.text).map((c) => c.replace(/:.*/, ''))).toEqual(expect.arrayContaining(['SCCTD-R01 Current impact', 'SCCTD-CT-R01 Identified on', 'SCCTD-SC-R01 Treatment']));
    expect(dryRunChanges(dryRun.text)).toHaveLength(3);
    await t.http.post(`/nodes/${division}/import/apply`).type('form').send(applyFields(dryRun.text)).expect(303);
    const r01 = await t.handle.db.selectFrom('risks').select(['current_impact']).where('reference', '=', 'SCCTD-R01').executeTakeFirstOrThrow();
    expect(r01.current_impact).toBe(2);

    // Exported again and saved by LibreOffice as it is: nothing to change.
    const again = await downloadBytes(t.http, `/nodes/${division}/register.xlsx?scope=all&status=all`);
    const resaved = await convertWithLibreOffice(again.bytes, 'again.xlsx', 'xlsx');
    const rerun = await uploadForDryRun(t.http, division, resaved, 'again.xlsx').expect(200);
    expect(visibleText(rerun.text)).toContain('Nothing would change');
  }, LIBREOFFICE_TIMEOUT);
});
