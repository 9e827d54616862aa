/// <reference types="astro/client" />
/**
 * Content collections. Policy pages (content/pages/**.mdx) are rendered by Astro's MDX; their
 * front matter is checked by the pipeline's own validateRecord (the compiled schema), not a
 * second copy of the schema in Zod: Zod only carries the issues to Astro. Demands, rounds
 * and the ledger reach the pages through data/load.ts, which validates them the same way.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { validateRecord } from '../pipeline/face/core.ts';
import { contentDir } from './env.ts';

/** Front-matter dates come back from Astro's YAML as Date objects; the schema wants YYYY-MM-DD. */
function asWritten(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v]),
  );
}

const validatedBy = (kind: 'page') =>
  z
    .record(z.string(), z.unknown())
    .transform(asWritten)
    .superRefine((data, ctx) => {
      for (const issue of validateRecord(kind, data)) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path.split('/').slice(1) });
      }
    });

export const collections = {
  pages: defineCollection({
    loader: glob({ pattern: '**/*.{md,mdx}', base: `${contentDir()}/pages` }),
    schema: validatedBy('page'),
  }),
};
