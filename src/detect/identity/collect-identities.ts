/**
 * Collect step: the keyless signers (with their triggers) and what every verifier demands, after all
 * other steps have marked tests, throwaway registries and foreign images (so neither side counts a
 * test of signing or a base image's check). A verify naming only another owner's identities is
 * marked foreign here, so it does not count as this repository's verification either.
 */
import type { CollectStep } from '../collect/state.js';
import { isTestOfSigning as isTest, type Op } from '../ops.js';
import type { VerifierExpectation } from './model.js';
import { cliExpectation } from './cli-expectations.js';
import { keylessSigners } from './signers.js';
import { namedRepositories } from './match.js';

/** A job that deploys: its verify step is the deploy-time check REL-001 level 3 asks for. */
const DEPLOY_COMMAND = /\b(kubectl\s+(apply|set\s+image|rollout\s+restart|create)|helm\s+(upgrade|install)|argocd\s+app\s+(sync|set)|gcloud\s+run\s+(deploy|services\s+update)|flux\s+reconcile|kustomize\s+edit\s+set\s+image|aws\s+ecs\s+update-service|az\s+containerapp\s+update|skaffold\s+(deploy|run)|kubectl-argo-rollouts\s+set\s+image)\b/;
const DEPLOY_ACTION = /^(azure\/(k8s-deploy|webapps-deploy|container-apps-deploy-action)|google-github-actions\/(deploy-cloudrun|deploy-appengine)|aws-actions\/amazon-ecs-deploy-task-definition)@?/i;

function deploysInJob(op: Op): boolean {
  return (op.job?.steps ?? []).some((s) => DEPLOY_ACTION.test(s.uses ?? '') || s.run.some((l) => DEPLOY_COMMAND.test(l.text)));
}

export const identities: CollectStep = {
  kind: 'enricher',
  name: 'signer-and-verifier-identities',
  run(c) {
    c.signers.push(...keylessSigners(c.ops, c.ctx, isTest));
    const site = (file: string, line: number): { file: string; line: number; text: string } => c.site(file, line);
    for (const op of c.ops) {
      if (op.rec.kind === 'policy') {
        const templated: VerifierExpectation = {
          kind: op.rec.engine === 'sigstore-policy-controller' ? 'sigstore-policy-controller' : 'kyverno', name: op.rec.name, mode: 'enforce', identities: [], keys: false, appliesTo: [],
          sites: [site(op.at.file, op.at.line)], origin: 'policy', unresolved: 'a Helm template: what it demands is decided when the chart is installed',
        };
        const known = op.rec.engine === 'kyverno' || op.rec.engine === 'sigstore-policy-controller' || op.rec.engine === 'flux';
        c.verifiers.push(...(op.rec.expects ?? (known ? [templated] : [])));
        continue;
      }
      if (op.rec.kind === 'verify' && op.rec.tool === 'npm-audit-signatures' && op.pipeline !== undefined) {
        // the installed dependencies' registry signatures: shown in the map, not this repository's verification
        op.foreign = 'checks the registry signatures of installed dependencies';
        c.verifiers.push({ kind: 'npm-audit-signatures', name: 'npm audit signatures', mode: 'enforce', identities: [], keys: true, appliesTo: ['installed dependencies'], sites: [site(op.at.file, op.at.line)], origin: 'ci' });
        continue;
      }
      if (op.rec.kind !== 'verify' || isTest(op) || op.foreign !== undefined || op.pipeline === undefined) continue;
      const e = cliExpectation(op, site);
      if (!e) continue;
      c.verifiers.push(deploysInJob(op) ? { ...e, atDeploy: true } : e);
      // a verify outside a deploy job whose identity names only another owner's projects checks a
      // third-party artifact (a builder image's signature, as cosign's own release checks
      // gythialy/golang-cross): not this repository's verification. The organisation's other
      // repositories (a deploy repository checking its release repositories' images) still count.
      const owner = c.repository?.path.split('/')[0];
      const named = namedRepositories(e);
      if (owner && !deploysInJob(op) && named.length > 0 && named.every((n) => n.path.split('/')[0] !== owner)) {
        op.foreign = `verifies a signature of ${named.map((n) => `${n.host}/${n.path}`).join(', ')}`;
      }
    }
    // what users are told to run: the same comparison, so stale instructions show as inert; only in
    // a repository that signs (as for `verificationDocumented`: a plan page is not instructions)
    const signs = c.ops.some((op) => op.rec.kind === 'sign' && !isTest(op));
    for (const d of signs ? c.documentedVerifications : []) {
      if (!d.rec) continue;
      const e = cliExpectation({ rec: d.rec, at: d, via: [], env: {}, origin: 'script' }, site);
      if (e) c.verifiers.push({ ...e, origin: 'docs' });
    }
  },
};
