#!/usr/bin/env node
/**
 * Argument parsing and dispatch only. Everything heavy is imported lazily, so that `--help` and
 * `--version` print without loading the bank, the detectors, React or Ink; and the
 * interactive/headless decision is made here, once (commands/wizard.ts, before it imports the UI).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runWizard } from './commands/wizard.js';
import { EXIT, UsageError, runMain } from './exit.js';
import { VERSION } from './version.js';

const HELP = `sigmature ${VERSION}: artifact-signing maturity self-assessment (OWASP DSOVS REL-001)

Usage:
  sigmature [DIR]                  the workshop wizard (needs a terminal)
  sigmature scan [DIR]             detect signing practice in a repository
      --format json|markdown|html|sarif   (default: json)
      --out FILE                   write to FILE instead of stdout
      --min-level N                exit 1 when the detected level is below N
  sigmature report --answers FILE  render a maturity report from an answers file
      --repo DIR                   also scan DIR for evidence and the CI system
      --format markdown|html|json  (default: markdown)
      --out FILE                   write to FILE instead of stdout
      --min-level N                exit 1 when the assessed level is below N
  sigmature questions              list and validate the question bank

Common options:
  --lang en|ja        language (default: from LANG/LC_ALL, else en)
  --bank DIR          a question bank directory (with bank.yaml: replaces the
                      built-in bank; without: adds its questions to it)
  --template FILE     a Mustache template for the Markdown/HTML report
  -h, --help          this help
  -v, --version       the version

Exit codes: 0 ok; 1 level below --min-level; 2 bad usage or bad input; 3 internal fault.
`;

const common = {
  lang: { type: 'string' },
  bank: { type: 'string' },
  template: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

const commands = {
  wizard: { ...common, out: { type: 'string' }, fresh: { type: 'boolean' } },
  scan: { ...common, format: { type: 'string' }, out: { type: 'string' }, 'min-level': { type: 'string' } },
  report: {
    ...common, answers: { type: 'string' }, repo: { type: 'string' }, format: { type: 'string' },
    out: { type: 'string' }, 'min-level': { type: 'string' }, compare: { type: 'string' },
  },
  questions: { ...common },
} as const satisfies Record<string, ParseArgsConfig['options']>;

type Command = keyof typeof commands;

function parse(argv: string[]) {
  const first = argv[0];
  const command: Command = first === 'scan' || first === 'report' || first === 'questions' ? first : 'wizard';
  const rest = command === 'wizard' ? argv : argv.slice(1);
  try {
    const { values, positionals } = parseArgs({ args: rest, options: commands[command], allowPositionals: true, strict: true });
    return { command, values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    throw new UsageError(String((err as Error).message).split('\n')[0]!.replace(/^TypeError \[\w+\]: /, ''));
  }
}

async function main(argv: string[]): Promise<number> {
  const { command, values, positionals } = parse(argv);
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const maxPositionals = command === 'scan' || command === 'wizard' ? 1 : 0;
  if (positionals.length > maxPositionals) throw new UsageError(`unexpected argument "${positionals[maxPositionals]}" (see sigmature --help)`);
  const checked = import('./commands/options.js').then(({ resolveOptions }) => resolveOptions(values, positionals[0]));
  // the wizard's UI starts loading now, while the options are checked (wizard.js itself is small
  // and loads no React or Ink: `--help` and the other commands never start that import)
  if (command === 'wizard') return runWizard(checked);
  const options = await checked;
  switch (command) {
    case 'questions':
      return (await import('./commands/questions.js')).runQuestions(options);
    case 'report':
      return (await import('./commands/report.js')).runReport(options);
    case 'scan':
      return (await import('./commands/scan.js')).runScan(options);
  }
}

runMain(() => main(process.argv.slice(2)));
