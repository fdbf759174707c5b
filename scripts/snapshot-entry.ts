// Bundled and run by scripts/build.mjs: prints the parsed built-in bank and roadmap with the
// stamps of their source files (see src/model/snapshot.ts).
import { builtInBankSources, parseBuiltInBank } from '../src/model/bank.js';
import { snapshotEntry } from '../src/model/snapshot.js';
import { builtInRoadmapSources, parseRoadmapCatalog } from '../src/report/roadmap.js';

function roadmapData() {
  const { steps, ecosystems } = parseRoadmapCatalog();
  return { steps, ecosystems };
}

process.stdout.write(JSON.stringify({
  bank: snapshotEntry(parseBuiltInBank(), builtInBankSources()),
  roadmap: snapshotEntry(roadmapData(), builtInRoadmapSources()),
}));
