/**
 * Whose application is it: a bureau serves the enterprises registered in its area
 * (site.yml `area`: administrative division codes, GB/T 2260, with their names). The
 * declared region decides; the credit code's registration-authority digits (positions 3–8,
 * 登记管理机关行政区划码, GB 32100-2015) are a cross-check, and a disagreement is for an
 * officer to look at, not a refusal: an enterprise that moved keeps its old code.
 */
import type { Site } from '../generated/types.ts';

export type Area = NonNullable<Site['area']>;
interface Region {
  province: string;
  city?: string;
}

const SUFFIX = /(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市|地区|自治州|盟)$/;
/** A division's name without its level: 福建省 and 福建 are one province. */
export const stem = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(SUFFIX, '');

/** Whether a region (names) lies in the area. */
export function inArea(area: Area, region: Region): boolean {
  return area.divisions.some(
    (d) =>
      stem(d.province) === stem(region.province) &&
      (!d.city || (region.city !== undefined && stem(d.city) === stem(region.city))),
  );
}

/** The registration authority's division code of a credit code (its digits 3–8), or undefined when they are not six digits. */
export function registrationCode(uscc: string): string | undefined {
  const code = uscc.slice(2, 8);
  return /^\d{6}$/.test(code) ? code : undefined;
}

/** Whether a credit code was issued by an authority in the area (false for national-level registrations, 100000). */
export function usccInArea(area: Area, uscc: string): boolean | undefined {
  const code = registrationCode(uscc);
  if (!code) return undefined;
  return area.divisions.some((d) => code.startsWith(d.code));
}

/** The area's names for people: 福建省厦门市、福建省漳州市. */
export function areaNames(area: Area): string {
  return area.divisions.map((d) => `${d.province}${d.city && d.city !== d.province ? d.city : ''}`).join('、');
}

export type AreaCheck = { ok: true; warning?: { zh: string; en: string } } | { ok: false; zh: string; en: string };

/**
 * An applicant's place against the bureau's area. Outside: refused, kindly, pointing to its
 * own bureau. Inside but with a credit code issued elsewhere: accepted with a warning.
 */
export function checkApplicantArea(area: Area, bureau: string, region: Region, uscc: string): AreaCheck {
  const where = `${region.province}${region.city && region.city !== region.province ? region.city : ''}`;
  if (!inArea(area, region)) {
    return {
      ok: false,
      zh: `感谢关注！按通知要求，揭榜申请由企业所在地的主管部门受理。对接表中贵企业所在地区为${where}，不在${bureau}的受理范围（${areaNames(area)}）内，本平台无法受理。请通过${where}的中小企业主管部门申请揭榜；全国需求目录中的需求在各地都可以揭榜。`,
      en: `Applications are taken by the bureau where the enterprise is registered. The profile gives ${where}, outside ${areaNames(area)}; please apply through your own city's SME bureau.`,
    };
  }
  const inCode = usccInArea(area, uscc);
  if (inCode === false) {
    return {
      ok: true,
      warning: {
        zh: `对接表所填地区为${where}，但统一社会信用代码第 3–8 位（登记管理机关行政区划码 ${registrationCode(uscc)}）不在本地区（${area.divisions.map((d) => d.code).join('、')}）：请经办人员核实企业是否在本地区登记注册（迁入企业可能保留原代码）。`,
        en: `The profile gives ${where}, but the credit code's registration-authority digits (${registrationCode(uscc)}) are outside the area: an officer should check where it is registered.`,
      },
    };
  }
  return { ok: true };
}
