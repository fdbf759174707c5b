#!/usr/bin/env node
/**
 * Argument parsing and dispatch only. Everything heavy is imported lazily, so that `--help` and
 * `--version` print without loading the bank, the detectors, React or Ink; and the
 * interactive/headless decision is made here, once (commands/wizard.ts, before it imports the UI).
 */
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runWizard } from './commands/wizard.js';
import { closest } from './commands/suggest.js';
import { EXIT, UsageError, runMain } from './exit.js';
import { VERSION } from './version.js';

const common = {
  lang: { type: 'string' },
  bank: { type: 'string' },
  template: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

const commands = {
  wizard: { ...common, out: { type: 'string' }, fresh: { type: 'boolean' } },
  scan: { ...common, format: { type: 'string' }, out: { type: 'string' }, 'min-level': { type: 'string' }, 'repo-url': { type: 'string' } },
  report: {
    ...common, answers: { type: 'string' }, repo: { type: 'string' }, format: { type: 'string' },
    out: { type: 'string' }, 'min-level': { type: 'string' }, compare: { type: 'string' }, history: { type: 'string' }, 'repo-url': { type: 'string' },
  },
  diff: { ...common, format: { type: 'string' }, out: { type: 'string' } },
  questions: { ...common },
  check: {
    ...common, answers: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, 'min-level': { type: 'string' },
    'max-age': { type: 'string' }, 'allow-contradictions': { type: 'boolean' }, also: { type: 'string', multiple: true }, 'repo-url': { type: 'string' },
  },
  portfolio: {
    ...common, format: { type: 'string' }, out: { type: 'string' }, 'min-level': { type: 'string' },
    jobs: { type: 'string' }, shard: { type: 'string' }, 'group-by': { type: 'string' }, previous: { type: 'string' },
    timeout: { type: 'string' },
  },
} as const satisfies Record<string, ParseArgsConfig['options']>;

type Command = keyof typeof commands;
const helpOptions = { lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const satisfies ParseArgsConfig['options'];
const COMMANDS = Object.keys(commands) as Command[];

const see = (command: Command) => (command === 'wizard' ? 'sigmature --help' : `sigmature ${command} --help`);

/** An option the command does not know, in one line: the likely one, or the command it belongs to. */
function unknownOption(command: Command, arg: string): UsageError {
  const name = arg.replace(/^-+/, '').split('=')[0]!;
  const known = Object.keys(commands[command]);
  const guess = closest(name, known);
  if (guess) return new UsageError(`unknown option ${arg} for ${command}; did you mean --${guess}?`);
  const owner = COMMANDS.find((c) => c !== command && name in commands[c]);
  if (owner) return new UsageError(`unknown option ${arg} for ${command}: --${name} is an option of ${owner} (see ${see(owner)})`);
  return new UsageError(`unknown option ${arg} for ${command} (see ${see(command)})`);
}

function parse(argv: string[]) {
  const first = argv[0];
  const named = first === 'help' || (COMMANDS as readonly string[]).includes(first!);
  const command: Command | 'help' = named ? (first as Command | 'help') : 'wizard';
  // `sigmature scna .`: a mistyped command, before its options are read as the wizard's
  if (!named && first !== undefined && !first.startsWith('-')) checkNotACommand(first);
  const rest = named ? argv.slice(1) : argv;
  const options = command === 'help' ? helpOptions : commands[command];
  try {
    const { values, positionals } = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    return { command, values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    const e = err as Error & { code?: string };
    const message = String(e.message).split('\n')[0]!.replace(/^TypeError \[\w+\]: /, '');
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown && command !== 'help') throw unknownOption(command, unknown[1]!);
    throw new UsageError(message);
  }
}

async function printHelp(topic: string | undefined, values: Record<string, string | boolean | undefined>): Promise<number> {
  const { helpText, HELP_TOPICS, localeLang } = await import('./commands/help.js');
  // --lang when it is given as en or ja, else the locale
  const lang = values.lang === 'en' || values.lang === 'ja' ? values.lang : localeLang();
  if (topic !== undefined && !(HELP_TOPICS as readonly string[]).includes(topic)) {
    const guess = closest(topic, HELP_TOPICS);
    throw new UsageError(`no help on "${topic}"${guess ? `; did you mean ${guess}?` : ` (commands: ${HELP_TOPICS.join(', ')})`}`);
  }
  process.stdout.write(helpText((topic as (typeof HELP_TOPICS)[number] | undefined) ?? 'overview', lang, VERSION));
  return EXIT.ok;
}

async function main(argv: string[]): Promise<number> {
  const parsed = parse(argv);
  const { command, values, positionals } = parsed;
  if (command === 'help') {
    // `sigmature help [COMMAND] [--lang ja]`
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}" (see sigmature help)`);
    return printHelp(positionals[0], values);
  }
  if (values.help) {
    // the wizard given as the default command shows the overview; named, its own help
    return printHelp(command === 'wizard' && argv[0] !== 'wizard' ? undefined : command, values);
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const maxPositionals = command === 'scan' || command === 'wizard' || command === 'check' ? 1 : command === 'diff' ? 2 : command === 'portfolio' ? Infinity : 0;
  if (positionals.length > maxPositionals) throw new UsageError(`unexpected argument "${positionals[maxPositionals]}" (see ${see(command)})`);
  const checked = import('./commands/options.js').then(({ resolveOptions }) => resolveOptions(values, command === 'diff' || command === 'portfolio' ? undefined : positionals[0]));
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
    case 'check':
      return (await import('./commands/check.js')).runCheckCommand(options);
    case 'diff':
      return (await import('./commands/diff.js')).runDiff(options, positionals);
    case 'portfolio': {
      const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
      return (await import('./commands/portfolio.js')).runPortfolio({ ...options, jobs: str('jobs'), shard: str('shard'), groupBy: str('group-by'), previous: str('previous'), timeout: str('timeout') }, positionals);
    }
  }
}

/** `sigmature scna .`: a mistyped command, not a directory to assess. */
function checkNotACommand(word: string): void {
  if (word.includes('/') || word.includes('\\') || word.startsWith('.') || existsSync(word)) return;
  const guess = closest(word, [...COMMANDS, 'help']);
  if (guess) throw new UsageError(`unknown command "${word}"; did you mean ${guess}? (a directory of that name does not exist)`);
}

runMain(() => main(process.argv.slice(2)));
