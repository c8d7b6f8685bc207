import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { systemActor } from '../platform/audit/audit.js';
import { Problem } from '../platform/http/problem.js';
import { runImport, startImport } from '../registry/imports/service.js';
import { fail, schemeFor, withDatabase } from './context.js';

interface Options {
  scheme?: string;
  employer?: string;
  group?: string;
  keepValid: boolean;
}

export const importCommand = (file: string, opts: Options) =>
  withDatabase(async (db) => {
    if (!fs.existsSync(file)) fail(`There is no file ${file}.`);
    const schemeId = await schemeFor(db, opts.scheme);
    const byCode = async (table: 'employer' | 'member_group', code?: string) => {
      if (!code) return null;
      const row = await db.kysely
        .selectFrom(table)
        .select('id')
        .where('scheme_id', '=', schemeId)
        .where('code', '=', code)
        .executeTakeFirst();
      return row?.id ?? fail(`There is no ${table === 'employer' ? 'employer' : 'group'} with the code ${code}.`);
    };
    const actor = systemActor(schemeId, `cli:${process.env.USER ?? 'operator'}`);
    const scope = { schemeId, areaPaths: [] };
    const options = {
      fileName: path.basename(file),
      employerId: await byCode('employer', opts.employer),
      groupId: await byCode('member_group', opts.group),
      keepValid: opts.keepValid,
    };
    // Also when the output is a log file rather than a terminal: a line every few seconds.
    const bar = new cliProgress.SingleBar(
      { format: 'importing [{bar}] {percentage}% | {value}/{total} members', noTTYOutput: true, notTTYSchedule: 5000 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const job = await startImport(db, actor, scope, options);
    const result = await runImport(db, actor, scope, job, fs.readFileSync(file), options, (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    }).catch((err) => {
      if (err instanceof Problem) fail(`The import failed: ${err.detail ?? err.title}`);
      throw err;
    });
    if (started) bar.stop();
    for (const e of result.errors.slice(0, 50)) console.log(`line ${e.line}: ${e.field}: ${e.reason}`);
    if (result.errors.length > 50) console.log(`… and ${result.errors.length - 50} more errors`);
    console.log(
      `${result.total} rows: ${result.created} registered, ${result.alreadyRegistered} already registered, ${result.invalid} with errors.`,
    );
    if (result.invalid && !opts.keepValid) {
      console.log(
        'Nothing was registered because some rows have errors: correct them, or run again with --keep-valid.',
      );
      process.exitCode = 2;
    }
  });
