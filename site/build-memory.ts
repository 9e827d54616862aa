/**
 * The site build's memory settings, in one place: site/cli/build.ts starts Astro's process
 * with them, and site/data/load-process.ts starts the content loader without the ones that
 * cost time. All are measured on the 10,000-demand archive (docs/performance.md).
 *
 * - MIMALLOC_ALLOW_THP=0: Astro bundles with Rolldown, whose allocator (mimalloc) asks the
 *   kernel for transparent huge pages, and a 2 MB page is resident as soon as any byte of it
 *   is touched: about 200 MB less for the same work.
 * - --max-semi-space-size=8: V8 sizes each thread's young generation for the machine's
 *   memory, and the build's threads each kept tens of MB of short-lived garbage resident
 *   (about 350 MB lower at the same speed). The content parser threads keep a larger young
 *   generation of their own (site/data/parse-pool.ts).
 * - --heap-growing-percent=50 and MALLOC_ARENA_MAX=2: a heap that grows by half rather than
 *   by up to four times between collections, and two malloc arenas rather than one per
 *   thread that ever allocated (V8's helpers, libvips, the build thread): the free memory
 *   they held stayed resident. Together about 150 MB lower, for about 1 s more.
 * - MALLOC_MMAP_THRESHOLD_=1048576: every block of 1 MB or more (typed arrays, file
 *   contents, the serialized model) is mapped on its own and given back when freed. Left to
 *   itself, glibc raises the threshold to the largest block freed so far (up to 32 MB), and
 *   large blocks freed later stay resident in the arenas. Alternating on the 10,000 archive,
 *   the build's peak was 1.16–1.19 GB without it and 1.12–1.15 GB with it, at the same speed
 *   (1.23–1.28 against 1.10–1.16 GB with a privacy scan setup that freed more large blocks).
 */

/** Environment for Astro's process (set before it starts: the allocators read it once). */
export const BUILD_ENV = { MIMALLOC_ALLOW_THP: '0', MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '1048576' } as const;

/** V8 flags for Astro's process (process-wide: its worker threads share them). */
export const BUILD_V8_FLAGS = ['--max-semi-space-size=8', '--heap-growing-percent=50'] as const;

/**
 * The content loader ends, and gives all its memory back, before the build's peak: it runs
 * with the young generation setting only, at full speed.
 */
export const LOADER_V8_FLAGS = ['--max-semi-space-size=8'] as const;

/** The environment for the loader: the build's, without the settings that trade time for memory. */
export function loaderEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { MALLOC_ARENA_MAX: _, ...rest } = env;
  return rest;
}
