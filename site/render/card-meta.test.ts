import { describe, expect, it } from 'vitest';
import { packCard, unpackCard, type CardMeta } from './card-meta.ts';

describe('a card packed as search metadata', () => {
  const card: CardMeta = {
    id: 'XM-2026-001',
    title: 'LNG 储罐“绝热”系统 \\ 攻关 😀',
    state: 'published',
    issuer: '',
    region: '福建省 厦门市 思明区',
    deadline: '2026-07-21',
    field: 'ngit',
    type: 'rd',
    invest: 300.5,
  };

  it('unpacks to the same card', () => {
    expect(unpackCard(packCard(card))).toEqual(card);
  });

  it('holds no word character and no space: Pagefind finds no word in it', () => {
    const packed = packCard(card);
    expect(packed).not.toMatch(/[\p{L}\p{N}_\s]/u);
  });
});
