/**
 * Collect (Scorecard's `checks/raw`): choose candidate files by path and name, parse CI pipelines
 * into the normalised model, follow what CI steps call inside the repository, read release and
 * build configuration, policies and key files, and hand detectors one `RawRepo`.
 *
 * Collection is a list of steps (`collect/`): sources read one kind of file and add operations;
 * enrichers refine the operations found. The order matters and is the one below: an enricher sees
 * what the sources before it found, and evidence ids follow the order operations were added.
 *
 * Performance: only files chosen by path are read (CI files, manifests, key-like files, and YAML
 * files whose text carries a Tekton or policy marker), plus files referenced from CI steps.
 * Dockerfiles are deliberately not read: a `gpg --verify` there checks a downloaded tool, which is
 * neither signing of this repository's deliverables nor verification of them.
 */
import type { RepoReader } from './types.js';
import type { RepositoryAddress } from './identity/identities.js';
import type { RawRepo } from './ops.js';
import { newCollection, type CollectStep } from './collect/state.js';
import { ciPipelines, handRunTooling, markedYaml, pipelineSteps } from './collect/pipelines.js';
import { goreleaserConfig, manifests, policies, privateKeys, tektonChains } from './collect/config.js';
import { envOptions, implicitSigning, rpmMacros, testKeySigning, testSigningStacks, throwawayRegistries } from './collect/enrich.js';
import { ownDeliverables } from './collect/own-deliverables.js';
import { documentedVerification } from './collect/docs.js';
import { remoteSteps } from './collect/remote-steps.js';
import { identities } from './identity/collect-identities.js';

export { isIncidental } from './collect/candidates.js';

export const COLLECT_STEPS: readonly CollectStep[] = [
  ciPipelines,
  markedYaml,
  pipelineSteps,
  remoteSteps,
  handRunTooling,
  throwawayRegistries,
  testSigningStacks,
  envOptions,
  tektonChains,
  implicitSigning,
  goreleaserConfig,
  manifests,
  rpmMacros,
  policies,
  privateKeys,
  testKeySigning,
  ownDeliverables,
  documentedVerification,
  identities,
];

export function collect(reader: RepoReader, repository?: RepositoryAddress): RawRepo {
  const c = newCollection(reader, repository);
  for (const step of COLLECT_STEPS) step.run(c);
  const { ctx } = c;
  return { pipelines: c.pipelines, ops: c.ops, keys: c.keys, documentedVerifications: c.documentedVerifications, signers: c.signers, verifiers: c.verifiers, warnings: ctx.warnings, lineText: (file, line) => ctx.lineText(file, line) };
}
