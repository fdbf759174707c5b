/** Notation (Notary Project): sign/verify OCI artifacts with a named key or a KMS plugin. */
import { Args, type Handler, type Inputs, type KeyRef, type ToolDescriptor } from './kit.js';

/** notation plugin names → key references. */
export function notationPlugin(plugin: string, id?: string): KeyRef {
  const p = plugin.toLowerCase();
  if (p.includes('azure')) return { type: 'kms', provider: 'azure', uri: `plugin:${plugin}` };
  if (p.includes('aws')) return { type: 'kms', provider: 'aws', uri: `plugin:${plugin}` };
  if (p.includes('gcp') || p.includes('google')) return { type: 'kms', provider: 'gcp', uri: `plugin:${plugin}` };
  if (p.includes('vault')) return { type: 'vault', uri: `plugin:${plugin}` };
  if (p.includes('pkcs11')) return { type: 'hsm', uri: `plugin:${plugin}` };
  return { type: 'plugin', plugin, id };
}

const VALUE_OPTS = ['--plugin', '--id', '--key', '-k', '--signature-format', '--plugin-config', '--user', '-u', '--password', '-p', '--expiry', '-e', '--timestamp-url', '--timestamp-root-cert', '--scope', '--policy-name', '--user-metadata', '-m'];

const notationCommand: Handler = (words) => {
  const argv = words.slice(1);
  const verb = argv.find((w) => !w.startsWith('-'));
  const rest = new Args(argv.slice(argv.indexOf(verb ?? '') + 1));
  if (verb === 'sign') {
    const plugin = rest.value('--plugin');
    const keyName = rest.value('--key', '-k');
    const key: KeyRef | undefined = plugin ? notationPlugin(plugin, rest.value('--id')) : keyName ? { type: 'named', name: keyName } : undefined;
    return [{ kind: 'sign', tool: 'notation', artifact: 'container-image', keyless: false, key, subject: rest.positionals(VALUE_OPTS)[0] }];
  }
  if (verb === 'verify') return [{ kind: 'verify', tool: 'notation', subject: rest.positionals(VALUE_OPTS)[0] }];
  if (verb === 'key' && rest.argv[0] === 'add') {
    const sub = new Args(rest.argv.slice(1));
    const plugin = sub.value('--plugin');
    if (plugin) return [{ kind: 'key-config', tool: 'notation', name: sub.positionals(VALUE_OPTS)[0], key: notationPlugin(plugin, sub.value('--id')) }];
  }
  return [];
};

function actionKey(inputs: Inputs): KeyRef | undefined {
  const plugin = inputs['plugin_name'];
  if (plugin) return notationPlugin(plugin);
  const key = inputs['key_id'];
  return key ? { type: 'named', name: key } : undefined;
}

export const notation: ToolDescriptor<'notation', 'vocabulary'> = {
  id: 'notation',
  fact: 'vocabulary',
  commands: { notation: notationCommand },
  actions: [
    { prefix: 'notaryproject/notation-action/sign', run: (i) => [{ kind: 'sign', tool: 'notation', artifact: 'container-image', keyless: false, key: actionKey(i), subject: i['target_artifact_reference'] }] },
    { prefix: 'notaryproject/notation-action/verify', run: () => [{ kind: 'verify', tool: 'notation' }] },
    { prefix: 'notaryproject/notation-action' },
  ],
  pinPrefixes: ['notaryproject/'],
  variables: ['notation'],
  fixture: 'notation-akv',
  covers: { artifacts: ['Helm chart', 'OCI artifact'] },
};
