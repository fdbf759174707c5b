/** CircleCI orbs and Buildkite plugins (issue 10, part 2): the ones the registry knows, and limits for the rest. */
import { describe, expect, it } from 'vitest';
import { buildkitePlugin, isUnreadRemoteStep, parseActionRef } from '../../src/detect/actions.js';
import { scanDirectory } from '../../src/detect/scan.js';
import { limitMessage } from '../../src/i18n/limit-messages.js';

describe('Buildkite plugin references', () => {
  it.each([
    ['plugin:cosign#v0.1.0', 'plugin:buildkite-plugins/cosign@v0.1.0'],
    ['plugin:equinixmetal-buildkite/cosign#v0.1.0', 'plugin:equinixmetal-buildkite/cosign@v0.1.0'],
    ['plugin:https://github.com/acme/sign-buildkite-plugin.git#v1.2.0', 'plugin:acme/sign@v1.2.0'],
    ['plugin:ssh://git@github.com/acme/release-signing-buildkite-plugin#v1.4.0', 'plugin:acme/release-signing@v1.4.0'],
    ['plugin:docker-compose', 'plugin:buildkite-plugins/docker-compose'],
  ])('%s is %s', (uses, name) => {
    expect(buildkitePlugin(uses)).toBe(name);
  });

  it('the registry knows the cosign plugin and the cosign orb, not an unknown one', () => {
    expect(parseActionRef('plugin:equinixmetal-buildkite/cosign#v0.1.0').name).toBe('plugin:equinixmetal-buildkite/cosign');
    expect(isUnreadRemoteStep('plugin:equinixmetal-buildkite/cosign#v0.1.0')).toBe(false);
    expect(isUnreadRemoteStep('orb:juburr/cosign-orb/sign_image@0.1.4')).toBe(false);
    expect(isUnreadRemoteStep('orb:circleci/gcp-gcr/push-image@0.16.3')).toBe(true);
    expect(isUnreadRemoteStep('checkout')).toBe(false);
  });
});

describe('remote steps in scans', () => {
  it('an unknown orb that pushes is a limit naming it, in English and Japanese', async () => {
    const scan = await scanDirectory('test/fixtures/repos/circleci-orbs');
    const limit = scan.warnings.find((w) => w.code === 'remote-step');
    expect(limit?.message).toContain('circleci/gcp-gcr/push-image@0.16.3');
    expect(limit?.vars?.['at']).toBe('.circleci/config.yml:39');
    expect(limitMessage('ja', 'remote-step', limit!.vars!)).toMatch(/orb コマンド/);
  });

  it('a known plugin is read and an unknown signing plugin is a limit', async () => {
    const scan = await scanDirectory('test/fixtures/repos/buildkite-cosign-plugin');
    const limits = scan.warnings.filter((w) => w.code === 'remote-step');
    expect(limits).toHaveLength(1);
    expect(limits[0]!.message).toContain('release-signing');
    expect(limits[0]!.message).not.toContain('equinixmetal');
  });
});
