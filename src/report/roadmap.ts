/**
 * The roadmap: for each level above the current one (the next level first), the steps that meet
 * its missing criteria, each with why, effort, the evidence an assessor will ask for, and a snippet
 * for the CI system the repository uses. Steps and snippets are data in `templates/roadmap/`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Assessment } from '../assess/assess.js';
import { Localized } from '../model/schema.js';
import { parseYamlSource, validateSource } from '../model/yaml-source.js';
import { templatesDir } from '../paths.js';
import { readSnapshot } from '../model/snapshot.js';

const Step = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    criteria: z.array(z.string()).min(1),
    title: Localized,
    why: Localized,
    effort: z.enum(['small', 'medium', 'large']),
    evidence: Localized,
    snippets: z.record(z.string(), z.string()).refine((s) => 'default' in s, 'snippets need a "default" entry'),
  })
  .strict();
export type RoadmapStepDef = z.infer<typeof Step>;
const StepsFile = z.object({ $schema: z.string().optional(), steps: z.array(Step).min(1) }).strict();

export interface RoadmapCatalog {
  steps: RoadmapStepDef[];
  snippetsDir: string;
}

const BUILT_IN_ROADMAP = join(templatesDir, 'roadmap');

export function loadRoadmapCatalog(dir = BUILT_IN_ROADMAP): RoadmapCatalog {
  if (dir === BUILT_IN_ROADMAP) {
    const steps = readSnapshot<RoadmapStepDef[]>('roadmap');
    if (steps) return { steps, snippetsDir: join(dir, 'snippets') };
  }
  return parseRoadmapCatalog(dir);
}

/** The catalog parsed and validated from `steps.yaml`, never from the snapshot. */
export function parseRoadmapCatalog(dir = BUILT_IN_ROADMAP): RoadmapCatalog {
  const file = join(dir, 'steps.yaml');
  const source = parseYamlSource(readFileSync(file, 'utf8'), file);
  return { steps: validateSource(source, StepsFile).steps, snippetsDir: join(dir, 'snippets') };
}

export interface RoadmapStep {
  id: string;
  /** The level whose missing criteria this step addresses first. */
  level: number;
  criteria: string[];
  title: Localized;
  why: Localized;
  effort: RoadmapStepDef['effort'];
  evidence: Localized;
  snippet: { file: string; language: string; ci: string; text: string };
}

const LANGUAGE_BY_EXTENSION: Record<string, string> = { yml: 'yaml', yaml: 'yaml', sh: 'bash', md: 'markdown', json: 'json', hcl: 'hcl', tf: 'hcl' };

/**
 * Steps in order: the next level's missing criteria first (in the bank's criterion order), then the
 * levels beyond. A step that serves several missing criteria appears once, at its earliest use.
 * `ci` picks the snippet variant: the first CI system in the list that a step has a snippet for.
 */
export function buildRoadmap(assessment: Assessment, catalog: RoadmapCatalog, ci: readonly string[] = []): RoadmapStep[] {
  const out: RoadmapStep[] = [];
  const used = new Set<string>();
  for (const gap of assessment.gaps) {
    for (const criterion of gap.missing) {
      const candidates = catalog.steps
        .filter((s) => s.criteria.includes(criterion.id))
        // a step whose primary criterion this is comes before one that merely helps
        .sort((a, b) => Number(b.criteria[0] === criterion.id) - Number(a.criteria[0] === criterion.id));
      for (const step of candidates) {
        if (used.has(step.id)) continue;
        used.add(step.id);
        const variant = ci.find((c) => c in step.snippets) ?? 'default';
        const file = step.snippets[variant]!;
        out.push({
          id: step.id,
          level: gap.level,
          criteria: step.criteria,
          title: step.title,
          why: step.why,
          effort: step.effort,
          evidence: step.evidence,
          snippet: {
            file,
            language: LANGUAGE_BY_EXTENSION[file.split('.').pop() ?? ''] ?? '',
            ci: variant,
            text: readFileSync(join(catalog.snippetsDir, file), 'utf8').trimEnd(),
          },
        });
      }
    }
  }
  return out;
}

/** The built-in roadmap's source file, for the build's snapshot. */
export const builtInRoadmapSources = (): string[] => [join(BUILT_IN_ROADMAP, 'steps.yaml')];
