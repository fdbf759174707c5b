/** Calls into the repository that the resolver follows: make targets, shell scripts, `bash -c`, xargs, `go run` of a tool's module. */
import { Args, type Handler, type ToolDescriptor } from './kit.js';
import { MAVEN_VALUE_OPTIONS } from './java.js';

/** How deep `$( … )` substitutions and `bash -c` scripts are followed. */
export const MAX_NESTING = 3;

const makeCall: Handler = (words) => {
  const args = new Args(words.slice(1));
  const targets = args.positionals(['-C', '-f', '--file', '--directory', '-j', '--jobs', '-I', '-o', '-W']).filter((t) => !t.includes('='));
  return [{ kind: 'call', call: { type: 'make', targets: targets.length ? targets : [''], file: args.value('-f', '--file'), dir: args.value('-C', '--directory') } }];
};

const shellCall: Handler = (words, _cmd, _line, depth, recurse) => {
  const args = words.slice(1);
  // bash -c 'cosign sign …': the inline script is recognised like any line
  const c = args.indexOf('-c');
  if (c >= 0 && args[c + 1] !== undefined && depth < MAX_NESTING) return recurse.line(args[c + 1]!, depth + 1).map((r) => r.rec);
  const script = args.find((w) => !w.startsWith('-'));
  if (!script || script === '-c' || !/\.(sh|bash|ps1)$|^\.{0,2}[\\/]?[\w./\\-]+$/.test(script) || script.includes('$')) return [];
  return [{ kind: 'call', call: { type: 'script', path: windowsPath(script) } }];
};

/** `.\script\sign.ps1` → `./script/sign.ps1`: the resolver reads repository paths with `/`. */
export const windowsPath = (path: string): string => path.replace(/\\/g, '/');

/**
 * `pwsh -File script.ps1`, `powershell -ExecutionPolicy Bypass -File .\x.ps1`, `pwsh -Command "…"`
 * (`-c`, `-NoProfile` and friends aside; a bare `pwsh x.ps1` runs the file too).
 */
const pwshCall: Handler = (words, _cmd, _line, depth, recurse) => {
  const args = words.slice(1);
  const at = (names: RegExp): number => args.findIndex((w) => names.test(w));
  const command = at(/^[-/](c|command)$/i);
  if (command >= 0 && args[command + 1] !== undefined && depth < MAX_NESTING) return recurse.line(args.slice(command + 1).join(' '), depth + 1).map((r) => r.rec);
  const file = at(/^[-/](f|file)$/i);
  const VALUE = /^[-/](executionpolicy|ep|ex|workingdirectory|wd|outputformat|of|inputformat|if|windowstyle|w|configurationname|settingsfile)$/i;
  let script = file >= 0 ? args[file + 1] : undefined;
  for (let i = 0; script === undefined && i < args.length; i++) {
    if (VALUE.test(args[i]!)) i++;
    else if (!/^[-/]/.test(args[i]!)) script = args[i];
  }
  return script && /\.ps1$/i.test(script) && !script.includes('$') ? [{ kind: 'call', call: { type: 'script', path: windowsPath(script) } }] : [];
};

const XARGS_VALUE_OPTS = ['-I', '-L', '-l', '-n', '-P', '-d', '-E', '-e', '-s', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--max-lines', '--max-chars', '--eof', '--replace', '--process-slot-var'];

/**
 * `… | xargs [options] gh release create v1 --`: the command xargs runs, with the input lines as its
 * last arguments (`{input}`). A variable before the command (`xargs $guard gh …`, empty or `echo` for
 * a dry run) is skipped: the command after it is what runs for real.
 */
const xargs: Handler = (words, cmd, line, depth, recurse) => {
  let i = 1;
  while (i < words.length && words[i]!.startsWith('-')) i += XARGS_VALUE_OPTS.includes(words[i]!) ? 2 : 1;
  while (i < words.length && /^\$\{?\w+\}?$/.test(words[i]!)) i++;
  if (i >= words.length || depth >= MAX_NESTING) return [];
  return recurse.command({ ...cmd, words: [...words.slice(i), '{input}'] }, line, depth + 1);
};

/** `node scripts/release.mjs`: a JavaScript release script, read for the commands it runs (js-script.ts). */
const nodeCall: Handler = (words) => {
  const script = new Args(words.slice(1)).positionals(['-r', '--require', '--import', '--loader', '--experimental-loader', '-e', '--eval'])[0];
  return script && /\.[cm]?js$/.test(script) && !script.includes('$') && !words.includes('-e') ? [{ kind: 'call', call: { type: 'script', path: script } }] : [];
};

/** `ant -f build/release.xml -Dversion=1.2 sign notarize`: the targets of the build file. */
const antCall: Handler = (words) => {
  const args = new Args(words.slice(1));
  const targets = args.positionals(['-f', '-file', '-buildfile', '-lib', '-logfile', '-l', '-propertyfile', '-inputhandler', '-logger', '-listener', '-main', '-nice']);
  return [{ kind: 'call', call: { type: 'ant', targets: targets.filter((t) => !t.startsWith('-D')), file: args.value('-f', '-file', '-buildfile') } }];
};

/** `mvn -P release package`: the exec-maven-plugin executions its phases reach (publishing is maven-gpg's recogniser). */
const mavenCall: Handler = (words) => {
  const args = new Args(words.slice(1));
  const goals = args.positionals(MAVEN_VALUE_OPTIONS);
  const profiles = args.argv.flatMap((a, i) => (a === '-P' || a === '--activate-profiles' ? [args.argv[i + 1] ?? ''] : a.startsWith('-P') ? [a.slice(2)] : []))
    .flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p && !p.startsWith('!') && !p.startsWith('-'));
  return goals.length ? [{ kind: 'call', call: { type: 'maven', goals, profiles, file: args.value('-f', '--file') } }] : [];
};

/** go build flags that take a value as the next word (`-tags netgo`). */
const GO_VALUE_FLAGS = ['-C', '-tags', '-ldflags', '-gcflags', '-asmflags', '-exec', '-mod', '-modfile', '-overlay', '-p', '-pkgdir', '-toolexec'];

/**
 * `go run github.com/goreleaser/goreleaser/v2@v2.5.1 release --clean`: a tool run from its module
 * path is the command named by the path's last element (a `/vN` major-version suffix dropped), so
 * goreleaser run this way is goreleaser. Only a remote module path (its first element has a dot):
 * `go run ./hack/release` is a program of the repository, not a tool we know.
 */
const goRun: Handler = (words, cmd, line, depth, recurse) => {
  if (words[1] !== 'run' || depth >= MAX_NESTING) return [];
  let i = 2;
  while (i < words.length && words[i]!.startsWith('-')) i += !words[i]!.includes('=') && GO_VALUE_FLAGS.includes(words[i]!) ? 2 : 1;
  const pkg = words[i]?.replace(/@.*$/, '');
  if (!pkg || !/^[\w-]+\.[\w.-]+\//.test(pkg)) return [];
  const parts = pkg.split('/').filter((p) => !/^v\d+$/.test(p));
  const tool = parts[parts.length - 1]!;
  return recurse.command({ ...cmd, words: [tool, ...words.slice(i + 1)] }, line, depth + 1);
};

export const calls: ToolDescriptor<'calls', 'other'> = {
  id: 'calls',
  fact: 'other',
  commands: { node: nodeCall, pwsh: pwshCall, powershell: pwshCall, xargs, make: makeCall, gmake: makeCall, bash: shellCall, sh: shellCall, zsh: shellCall, source: shellCall, '.': shellCall, go: goRun, ant: antCall, mvn: mavenCall, mvnw: mavenCall },
};
