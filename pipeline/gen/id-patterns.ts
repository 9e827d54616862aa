/**
 * pipeline/generated/id-patterns.ts: the `pattern` of each id in the schemas, as strings.
 * domain/ids.ts composes the id grammar from them; browser scripts (the catalogue's finder,
 * the print page, the CMS) get the grammar through it without bundling the schemas.
 */
import round from '../../schemas/round.schema.json' with { type: 'json' };
import demand from '../../schemas/demand.schema.json' with { type: 'json' };
import application from '../../schemas/application.schema.json' with { type: 'json' };
import external from '../../schemas/external.schema.json' with { type: 'json' };
import decision from '../../schemas/decision.schema.json' with { type: 'json' };
import { banner } from './banner.ts';
import type { GeneratedFile } from './generated-file.ts';

export const ID_PATTERNS_PATH = 'pipeline/generated/id-patterns.ts';

const PATTERNS: Array<[string, string, string]> = [
  ['ROUND_ID_PATTERN', 'round.schema.json id', round.properties.id.pattern],
  ['DEMAND_ID_PATTERN', 'demand.schema.json id', demand.properties.id.pattern],
  ['APPLICATION_ID_PATTERN', 'application.schema.json id', application.properties.id.pattern],
  ['EXTERNAL_ID_PATTERN', 'external.schema.json id', external.properties.id.pattern],
  ['SUBJECT_ID_PATTERN', 'decision.schema.json subject', decision.properties.subject.pattern],
];

export async function generateIdPatterns(): Promise<GeneratedFile[]> {
  const lines = PATTERNS.map(
    ([name, from, pattern]) => `/** schemas/${from} */\nexport const ${name} = ${JSON.stringify(pattern)};`,
  );
  return [
    {
      path: ID_PATTERNS_PATH,
      content: `${banner('the id properties of schemas/{round,demand,application,external,decision}.schema.json (pipeline/gen/id-patterns.ts)')}\n${lines.join('\n')}\n`,
    },
  ];
}
