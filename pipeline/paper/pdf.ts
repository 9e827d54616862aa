/**
 * The form as a PDF: the print HTML printed by headless Chromium (page.pdf through
 * playwright-core), which lays out CJK text, breaks long rows across pages and embeds the
 * subset of the system's fonts it used (Debian: fonts-noto-cjk). Chromium is the one the
 * machine has (JIEBANG_CHROMIUM, else /usr/bin/chromium); nothing is downloaded.
 *
 * One browser serves many prints: `openPrinter()` and `close()` around a batch.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FormModel } from './form-model.ts';
import { footerTemplate, renderHtml } from './html.ts';
import { PaperError } from './record.ts';
import type { Verification } from './verification.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const found = [env.JIEBANG_CHROMIUM, ...CANDIDATES].find((p) => p && existsSync(p));
  if (!found)
    throw new PaperError(
      '打印 PDF 需要 Chromium（Debian：apt-get install chromium），或改用 --format docx',
      'printing a PDF needs Chromium (Debian: apt-get install chromium), or use --format docx',
    );
  return found;
}

export interface Printer {
  pdf(model: FormModel, v: Verification): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openPrinter(): Promise<Printer> {
  const { chromium } = await import('playwright-core').catch(() => {
    throw new PaperError(
      '打印 PDF 需要安装开发依赖 playwright-core（npm ci），或改用 --format docx',
      'printing a PDF needs playwright-core (npm ci), or use --format docx',
    );
  });
  const profile = mkdtempSync(join(tmpdir(), 'jiebang-print-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ARGS,
    offline: true,
    javaScriptEnabled: false,
  });
  return {
    async pdf(model, v) {
      const page = await context.newPage();
      try {
        await page.setContent(renderHtml(model, v), { waitUntil: 'load' });
        return await page.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: footerTemplate(model, v),
          tagged: true,
        });
      } finally {
        await page.close();
      }
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
