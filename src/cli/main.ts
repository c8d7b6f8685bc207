import { Command, Option } from 'commander';
import { version } from '../platform/version.js';
import { backupCommand } from './backup.js';
import { costingCollectionCommand } from './costing.js';
import { demoCommand } from './demo.js';
import { importCommand } from './import.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';
import { userCreateCommand, userResetCommand } from './user.js';

const program = new Command('riskpool')
  .description('riskpool: the management information system of a health insurance scheme')
  .version(version);

program
  .command('serve')
  .description('Run the web app and the API (migrates and sets up a first start)')
  .action(serveCommand);
program.command('migrate').description('Bring the database schema up to date').action(migrateCommand);
program
  .command('demo')
  .description('Load the demo scheme (garment factories, workers, dependants)')
  .option('--seed <n>', 'seed of the generated data', '2011')
  .action(demoCommand);
program
  .command('import')
  .description("Import an employer's worker list (CSV or XLSX)")
  .argument('<file>', 'the CSV or XLSX file')
  .option('--scheme <id>', 'the scheme (needed when there are several)')
  .option('--employer <code>', 'the employer the workers belong to')
  .option('--group <code>', 'the group (village, cooperative…) the members belong to')
  .option('--keep-valid', 'register the valid rows even if others have errors', false)
  .action(importCommand);

const user = program.command('user').description('Manage users');
user
  .command('create')
  .argument('<username>')
  .requiredOption('--role <code...>', 'one or more roles, e.g. administrator registrar')
  .option('--scheme <id>', 'the scheme (needed when there are several)')
  .option('--name <display name>')
  .addOption(new Option('--password <password>', 'generated and printed when left out').env('RISKPOOL_NEW_PASSWORD'))
  .action(userCreateCommand);
user
  .command('reset-password')
  .argument('<username>')
  .addOption(new Option('--password <password>', 'generated and printed when left out').env('RISKPOOL_NEW_PASSWORD'))
  .action(userResetCommand);

program
  .command('backup')
  .description('Copy the SQLite database to a file while it runs (for PostgreSQL, says how to use pg_dump)')
  .argument('<file>', 'where the copy goes')
  .action(backupCommand);

const costing = program.command('costing').description('Costing and planning, from a JSON file (no database needed)');
costing
  .command('collection')
  .description('What collecting premiums costs, per premium, and the break-even point (seed 003)')
  .argument('<file>', 'the JSON input, as POST /api/v1/costing/collection takes it (- for standard input)')
  .action(costingCollectionCommand);

await program.parseAsync();
