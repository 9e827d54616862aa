/**
 * Identities for the synthetic archive: credit codes that pass both check characters,
 * people's names, phone numbers, mail addresses and enterprise names, unique where the
 * real ones are (a registry of what has been handed out).
 */
import { orgCodeCheckChar, usccCheckChar } from '../pipeline/rules/uscc.ts';
import type { Random } from './random.ts';
import { BRAND_SYLLABLES, GIVEN_CHARS, LARGE_SUFFIXES, POSITIONS, SURNAMES, type Region } from './vocab.ts';

// Letters GB 11714 and GB 32100 both allow (no I, O, S, V, Z).
const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export interface Person {
  name: string;
  login: string;
  mailName: string;
}

export interface Contact {
  name: string;
  position: string;
  mobile: string;
  phone: string;
  email: string;
}

export class Identities {
  private readonly used = new Set<string>();

  /** `make` until it gives a value not handed out before. */
  private unique(make: () => string): string {
    for (let i = 0; i < 1000; i++) {
      const v = make();
      if (!this.used.has(v)) {
        this.used.add(v);
        return v;
      }
    }
    throw new Error('identity space exhausted');
  }

  /** 18-character code: 9 (market regulator) 1 (enterprise), the division, an organization code with its check, the code's check. */
  uscc(rng: Random, region: Region): string {
    return this.unique(() => {
      let org = '';
      for (let i = 0; i < 8; i++) org += i < 2 ? String(rng.int(0, 9)) : ORG_CHARS[rng.int(0, ORG_CHARS.length - 1)];
      const first17 = `91${region.division}${org}${orgCodeCheckChar(org)}`;
      return first17 + usccCheckChar(first17);
    });
  }

  /** A person; names repeat across the archive as they do in life, logins (for officers) do not. */
  person(rng: Random, withLogin = false): Person {
    const [s, sp] = rng.pick(SURNAMES);
    const [g1, p1] = rng.pick(GIVEN_CHARS);
    const [g2, p2] = rng.pick(GIVEN_CHARS);
    const pinyin = `${sp}-${p1}${p2}`;
    const login = withLogin
      ? this.unique(() => (this.used.has(pinyin) ? `${pinyin}-${rng.int(2, 999)}` : pinyin))
      : pinyin;
    return { name: `${s}${g1}${g2}`, login, mailName: login.replace(/-/g, '.') };
  }

  mobile(rng: Random): string {
    return this.unique(
      () => `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
    );
  }

  landline(rng: Random, region: Region): string {
    const digits = region.areaCode.length === 3 ? 8 : rng.pick([7, 8]);
    return this.unique(
      () =>
        `${region.areaCode}-${rng.int(2, 8)}${String(rng.int(0, 10 ** (digits - 1) - 1)).padStart(digits - 1, '0')}`,
    );
  }

  contact(rng: Random, region: Region, domain: string): Contact {
    const p = this.person(rng);
    return {
      name: p.name,
      position: rng.pick(POSITIONS),
      mobile: this.mobile(rng),
      phone: this.landline(rng, region),
      email: `${p.mailName}@${domain}`,
    };
  }

  /** An enterprise name and the mail domain that goes with it. */
  enterprise(rng: Random, region: Region, word: string, large: boolean): { name: string; domain: string } {
    let domain = '';
    const name = this.unique(() => {
      const [a, ap] = rng.pick(BRAND_SYLLABLES);
      const [b, bp] = rng.pick(BRAND_SYLLABLES);
      domain = `${region.code.toLowerCase()}${ap}${bp}.com.cn`;
      return `${region.short}${a}${b}${word}${large ? rng.pick(LARGE_SUFFIXES) : '有限公司'}`;
    });
    return {
      name,
      domain: this.unique(() =>
        this.used.has(domain) ? domain.replace('.com.cn', `${rng.int(2, 99)}.com.cn`) : domain,
      ),
    };
  }

  /** A name that must not collide with any other (titles). */
  claim(value: string): boolean {
    if (this.used.has(value)) return false;
    this.used.add(value);
    return true;
  }
}
