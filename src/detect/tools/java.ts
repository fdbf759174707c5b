/**
 * Java signing: maven-gpg and Gradle signing are configured in build files (sources/manifests.ts),
 * jarsigner signs JARs; `mvn deploy` / `gradle publish` publish what they sign.
 */
import { Args, keyRefOf, type Handler, type KeyRef, type ToolDescriptor } from './kit.js';

/** mvn options that take a value as the next word. */
export const MAVEN_VALUE_OPTIONS = ['-P', '-pl', '-s', '-f', '--settings', '--file', '-T', '--projects', '--activate-profiles', '-gs', '-t', '--toolchains', '-b', '--builder', '-l', '--log-file'];

const mavenLike = (tool: string): Handler => (words) => {
  const args = new Args(words.slice(1));
  const goals = args.positionals(MAVEN_VALUE_OPTIONS);
  if (!goals.some((g) => g === 'deploy' || g === 'deploy:deploy' || /nexus-staging:(deploy|release)|central-publishing:publish|release:perform/.test(g))) return [];
  const skipGpg = args.argv.some((a) => /^-Dgpg\.skip(=true)?$/.test(a));
  return [{ kind: 'publish', tool, artifact: 'Maven artifacts', artifactKind: 'package', unsignedReason: skipGpg ? '-Dgpg.skip' : undefined }];
};

const gradleLike = (tool: string): Handler => (words) => {
  const tasks = new Args(words.slice(1)).positionals(['-x', '--exclude-task', '-P', '-D', '-p', '--project-dir', '-b', '--build-file']);
  const publishing = tasks.filter((t) => {
    const name = t.slice(t.lastIndexOf(':') + 1);
    return /^publish/.test(name) && !/MavenLocal$/.test(name) || /^(uploadArchives|closeAndReleaseSonatypeStagingRepository|publishPlugins|bintrayUpload)$/.test(name);
  });
  return publishing.length === 0 ? [] : [{ kind: 'publish', tool, artifact: 'Maven artifacts', artifactKind: 'package' }];
};

export const mavenGpg: ToolDescriptor<'maven-gpg', 'vocabulary'> = {
  id: 'maven-gpg',
  fact: 'vocabulary',
  commands: { mvn: mavenLike('maven'), mvnw: mavenLike('maven') },
  // setup-java's gpg-private-key imports the key maven-gpg signs with
  actions: [{ prefix: 'actions/setup-java', run: (i) => (i['gpg-private-key'] ? [{ kind: 'key-import', tool: 'gpg', fromSecret: true }] : []) }],
  variables: ['mvn'],
  covers: { artifacts: ['Maven artifacts'], configured: 'package' },
  fixture: 'maven-gpg',
};

export const gradleSigning: ToolDescriptor<'gradle-signing', 'vocabulary'> = {
  id: 'gradle-signing',
  fact: 'vocabulary',
  commands: { gradle: gradleLike('gradle'), gradlew: gradleLike('gradle') },
  variables: ['gradle'],
  covers: { artifacts: ['Maven artifacts'], configured: 'package' },
  fixture: 'gradle-signing',
};

const JARSIGNER_VALUE_OPTS = ['-keystore', '-storepass', '-keypass', '-storetype', '-signedjar', '-sigfile', '-tsa', '-digestalg', '-sigalg', '-providerClass', '-providerArg', '-providerName', '-tsacert', '-certchain', '-providerPath', '-storepass:env', '-keypass:env', '-storepass:file', '-keypass:file'];

const jarsignerCommand: Handler = (words) => {
  const args = new Args(words.slice(1));
  if (args.has('-verify')) return [{ kind: 'verify', tool: 'jarsigner' }];
  const storetype = args.value('-storetype');
  const keystore = args.value('-keystore');
  let key: KeyRef | undefined;
  if (/pkcs11/i.test(storetype ?? '') || args.has('-providerClass')) key = { type: 'hsm', uri: 'pkcs11' };
  else if (keystore && keystore !== 'NONE') key = keyRefOf(keystore);
  const pos = args.positionals(JARSIGNER_VALUE_OPTS);
  if (pos.length === 0) return [];
  return [{ kind: 'sign', tool: 'jarsigner', artifact: 'package', keyless: false, key, subject: pos[0] }];
};

export const jarsigner: ToolDescriptor<'jarsigner', 'vocabulary'> = {
  id: 'jarsigner', fact: 'vocabulary', commands: { jarsigner: jarsignerCommand }, variables: ['jarsigner'],
  // jars signed by hand beside a deploy: the build's own signing (maven-gpg, Gradle) is cited first
  covers: { artifacts: ['Maven artifacts'], fallback: true },
};
