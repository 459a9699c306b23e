import type { Command } from 'commander';
import type { Io } from './io.js';

/** Adds `checks` to the program; the check registry is loaded only when it runs. */
export function registerChecks(program: Command, io: Io): void {
  program
    .command('checks')
    .description('List the checks catalogs can use, with their parameters.')
    .action(async () => {
      const { runChecks } = await import('./catalog.js');
      runChecks(io);
    });
}

/** Adds `catalog list` and `catalog lint` to the program; catalogs, their schema and the checks are loaded only when one runs. */
export function registerCatalog(program: Command, io: Io): void {
  const catalog = program.command('catalog').description('Work with control catalogs.');
  catalog
    .command('list')
    .description('List the catalogs shipped in controls/.')
    .action(async () => {
      const { runCatalogList } = await import('./catalog.js');
      await runCatalogList(io);
    });
  catalog
    .command('lint')
    .description('Validate a catalog or crosswalk file: schema, unknown checks, parameters, duplicate ids, crosswalk consistency.')
    .argument('<file>', 'catalog YAML file, or a crosswalk-<framework>.yaml file')
    .action(async (file: string) => {
      const { runCatalogLint } = await import('./catalog.js');
      await runCatalogLint(file, io);
    });
}
