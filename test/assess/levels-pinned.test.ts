/**
 * The level of every bundled example and every detection fixture, pinned before and after a team
 * confirms. A scan proves what files can; the control's interview and document criteria
 * (L1.procedure, L1.custody-known, L2.central-platform, L2.access-restricted, L3.auditable) wait
 * for the team, so no repository reaches a level on detection alone, nor on confirming detections.
 * Each row was reviewed against the fixture's files; a change here is a change of what sigmature
 * tells an auditor, so review it the same way.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess, type AnswerSource } from '../../src/assess/assess.js';
import { detectedAnswers } from '../../src/assess/detected-answers.js';
import { scanDirectory } from '../../src/detect/scan.js';
import { loadBank } from '../../src/model/bank.js';
import { answerSources, answerValues, parseAnswers } from '../../src/session/answers-file.js';

const bank = loadBank();
const TEAM_CRITERIA = ['L1.procedure', 'L1.custody-known', 'L2.central-platform', 'L2.access-restricted', 'L3.auditable'];

describe('bundled examples', () => {
  it.each([0, 1, 2, 3])('level-%i example: assessed at its level as answered, 0 when nothing is confirmed', (level) => {
    const path = join('examples', `level-${level}.answers.yaml`);
    const file = parseAnswers(readFileSync(path, 'utf8'), path, bank).file;
    const values = answerValues(file);
    expect(assess(bank, values, answerSources(file)).level).toBe(level);
    const detected = Object.fromEntries(Object.keys(values).map((id) => [id, 'detected' as AnswerSource]));
    const unconfirmed = assess(bank, values, detected);
    expect(unconfirmed.level).toBe(0);
    expect(unconfirmed.criteria.filter((c) => c.met)).toEqual([]);
  });
});

// [fixture, level the repository shows, criteria met by detection only, level once the team
//  confirms every detected answer, level once it also states a written procedure and who holds keys]
const FIXTURES: [string, number, string[], number, number][] = [
    ['android-apksigner', 0, ["L1.signed"], 0, 1],
    ['buildkite-minisign', 0, ["L1.signed"], 0, 1],
    ['checkout-path-action', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['circleci-gpg-rpm', 0, ["L1.signed"], 0, 1],
    ['cloudbuild-make-include', 0, ["L1.signed","L2.keys-protected"], 0, 1],
    ['committed-key', 0, ["L1.signed"], 0, 1],
    ['composite-action', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['composite-make-ko', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['cosign-aws-kms', 0, ["L1.signed","L2.keys-protected"], 0, 1],
    ['cosign-gcp-kms', 0, ["L1.signed","L2.keys-protected"], 0, 1],
    ['cosign-vault', 0, ["L1.signed","L2.keys-protected"], 0, 1],
    ['dev-makefile-push', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['docker-content-trust', 0, ["L1.signed"], 0, 1],
    ['gha-key-env-secret', 0, ["L1.signed"], 0, 1],
    ['gha-keyless-image', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['gitlab-keyless', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['gitlab-pkcs11-signing', 0, ["L1.signed","L2.keys-protected"], 0, 1],
    ['goreleaser-v2-notarize', 0, ["L1.signed"], 0, 1],
    ['goreleaser-cosign', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['gradle-signing', 0, ["L1.signed"], 0, 1],
  ['gradle-buildsrc-signing', 0, ["L1.signed"], 0, 1],
    ['helm-chart-policies', 0, [], 0, 0],
    ['jenkins-gpg', 0, ["L1.signed"], 0, 1],
  ['jenkins-groovy-folder', 0, ["L1.signed"], 0, 1],
    ['make-release-workdir', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['make-target-vars', 0, [], 0, 0],
    ['maven-gpg', 0, ["L1.signed"], 0, 1],
    ['maven-release-elsewhere', 0, ["L1.signed"], 0, 1],
    ['multi-publish-partial', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['no-signing-sign-words', 0, [], 0, 0],
    ['notation-akv', 0, ["L1.signed","L2.keys-protected"], 0, 1],
    ['npm-provenance', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['pypi-attestations', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['reusable-release-canary', 0, ["L1.signed"], 0, 1],
    ['script-release-xargs', 0, ["L1.signed"], 0, 1],
    ['slsa-generator', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['tekton-chains', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['test-key-fixtures', 0, [], 0, 0],
    ['test-key-names', 0, ["L1.signed"], 0, 1],
    ['verify-only-kyverno', 0, [], 0, 0],
    ['verify-only-policy-controller', 0, [], 0, 0],
    ['windows-macos-signing', 0, ["L1.signed"], 0, 1],
    // ad-hoc codesign of a build tool and a tunnel certificate in another step: still keyless only
    ['codesign-adhoc-keyless', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    // a docs deploy key in another step is not the signing key: custody unknown, not "protected"
    ['custody-own-step', 0, ["L1.signed"], 0, 1],
    // cosign verify of the Chainguard and distroless base images is not verification of a deliverable
    ['verify-base-image', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    // verifying its own image counts (verifies: true); no criterion moves on it without a policy
    ['verify-own-image', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    // e2e tests signing the README and scratch files are neither signing nor verification
    ['e2e-sign-scratch-blob', 0, [], 0, 0],
    // archives signed keylessly; the flux manifests and the SDK published from a Node script are not
    ['publish-more-places', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    // witness/tejolote/krel/sigstore sign keylessly, but the in-toto link key is a CI secret written to a
    // file: keys are not all protected, as in gha-key-env-secret
    ['attest-outside-cosign', 0, ["L1.signed"], 0, 1],
    // Azure Trusted Signing reached through a PowerShell script and $Env:ACS_DLIB: a cloud-held key
    ['powershell-trusted-signing', 0, ["L1.signed","L2.keys-protected"], 0, 1],
    // a cosign orb signing with a context-variable key (ci-secret); an unread gcp-gcr orb is a limit
    ['circleci-orbs', 0, ["L1.signed"], 0, 1],
    // the Buildkite cosign plugin signs keylessly; the docker-compose plugin's worker push is unsigned
    ['buildkite-cosign-plugin', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    // SLSA generic provenance covers the build job's hashed archives, not the MSI another job attaches
    ['slsa-generic-needs-job', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    // goreleaser run by `go run …/goreleaser/v2@v2.5.1` from `make release`: its keyless signs count
    ['make-go-run-goreleaser', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    // an orb job (docker/publish) run from workflows: pushes the image a local job signs with a context key
    ['circleci-orb-jobs', 0, ["L1.signed"], 0, 1],
    // an e2e job on a sigstore/scaffolding test stack signs and verifies there: neither signing nor verification
    ['e2e-scaffolding-pins', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    // a Tekton catalog Task/Pipeline and a GitLab template shipped for others: not this repository's signing
    ['ci-definitions-for-users', 0, [], 0, 0],
    // codesign and signtool run from Ant targets with certificates from CI secrets: keys not protected
    ['ant-codesign-signtool', 0, ["L1.signed"], 0, 1],
    // codesign from an exec-maven-plugin execution of the release profile, identity from a CI secret
    ['maven-exec-codesign', 0, ["L1.signed"], 0, 1],
    ['keyless-release', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    // verification that verifies (issue 11), scanned with the fixture's repository URL: only an
    // enforcing verifier that accepts the release's own signer meets L3.verify-enforced (detected)
    // the release checks another owner's builder image before building: not its own verification
    ['verify-builder-image-identity', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    // a reusable workflow only other repositories call: its signing is theirs
    ['reusable-workflow-for-callers', 0, [], 0, 0],
    ['identity-kyverno-renamed-workflow', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['identity-cip-main-vs-tags', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['identity-reusable-names-caller', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['identity-reusable-names-called', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys","L3.verify-enforced"], 0, 1],
    ['identity-org-wide-regexp', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['identity-warn-mode', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['identity-gitlab-github-style', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys"], 0, 1],
    ['identity-matching-enforced', 0, ["L1.signed","L2.keys-protected","L3.no-long-lived-keys","L3.verify-enforced"], 0, 1],
];

/** Where each fixture would live (a fixture cannot carry `.git`): passed as --repo-url. */
const REPO_URLS = JSON.parse(readFileSync('test/fixtures/repo-urls.json', 'utf8')) as Record<string, string>;

describe('detection fixtures, before and after a team confirms', () => {
  it('covers every fixture repository', () => {
    expect(FIXTURES.map((f) => f[0]).sort()).toEqual([...readdirSync('test/fixtures/repos'), 'keyless-release'].sort());
  });

  it.each(FIXTURES)('%s', async (name, shown, metDetected, confirmedLevel, withTeamBasics) => {
    const dir = name === 'keyless-release' ? join('examples', 'repos', name) : join('test', 'fixtures', 'repos', name);
    const file = detectedAnswers(bank, await scanDirectory(dir, { repoUrl: REPO_URLS[name] }));
    const values = answerValues(file);
    const before = assess(bank, values, answerSources(file));
    expect(before.level).toBe(0);
    expect(before.detectedLevel).toBe(shown);
    expect(before.criteria.filter((c) => c.status === 'met-detected').map((c) => c.id)).toEqual(metDetected);
    // a scan alone meets no criterion that needs an interview or a document
    for (const c of before.criteria.filter((c) => TEAM_CRITERIA.includes(c.id))) expect(c.status, c.id).not.toMatch(/^met/);

    const confirmed = Object.fromEntries(Object.keys(values).map((id) => [id, 'confirmed' as AnswerSource]));
    const after = assess(bank, values, confirmed);
    expect(after.level).toBe(confirmedLevel);
    expect(after.criteria.filter((c) => c.met).map((c) => c.id)).toEqual(metDetected);
    const stated = { ...confirmed, 'GOV-1': 'stated', 'CUS-2': 'stated' } as Record<string, AnswerSource>;
    expect(assess(bank, { ...values, 'GOV-1': 'written', 'CUS-2': 'known-not-written' }, stated).level).toBe(withTeamBasics);
  });
});
