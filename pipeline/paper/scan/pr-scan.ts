/**
 * A stamped scan added in a pull request: which files are scans (PDFs, files named as
 * `jiebang attach-scan` names them, sealed `.age` files beside a record), and what is wrong
 * with one, from its bytes — the read-only check cannot process a file, so an image must
 * come already processed (no metadata) and a sealed scan must be age armor.
 */
import { checkStoredScan } from './inspect-scan.ts';

const AGE_ARMOR = '-----BEGIN AGE ENCRYPTED FILE-----';

export const isScanPath = (path: string): boolean =>
  path.startsWith('content/') &&
  (/\.pdf(?:\.age)?$/i.test(path) ||
    /\.(?:png|jpe?g)\.age$/i.test(path) ||
    /盖章扫描件[^/]*\.(?:png|jpe?g)$/i.test(path));

export function scanFileProblem(
  path: string,
  bytes: Uint8Array | undefined,
  sealedAtRest: boolean,
): { rule: string; message: string } | undefined {
  if (!bytes) return { rule: 'unreadable', message: '读不到这个文件。' };
  const sealed = /\.age$/i.test(path);
  if (sealed) {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64)).toString('latin1');
    return head.startsWith(AGE_ARMOR)
      ? undefined
      : {
          rule: 'not-sealed',
          message: '以 .age 结尾的扫描件应是用经办人员公钥加密（age）后的文件；请用 jiebang attach-scan 上传。',
        };
  }
  const result = checkStoredScan(bytes);
  if (!result.ok) return { rule: result.rule, message: result.message };
  if (sealedAtRest) {
    return {
      rule: 'cleartext',
      message:
        '本仓库公开存放（privacy.sealAtRest），扫描件含受限信息，必须加密后存放；请用 jiebang attach-scan（会加密为 .age 文件）上传。',
    };
  }
  return undefined;
}
