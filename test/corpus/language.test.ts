import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/corpus/language.js';

const RU = 'В Алматинской области проживают около 1,6 млн человек, большинство – сельчане. Акимы сел ответственны за выполнение программ.';
const KK = 'Мемлекет басшысы Қазақстан халқына Жолдауында ел дамуының бес басым бағытын айқындап, маңызды міндеттерді белгілеп берді.';

describe('detectLanguage', () => {
  it('detects Russian and Kazakh', () => {
    expect(detectLanguage(RU)).toBe('ru');
    expect(detectLanguage(KK)).toBe('kk');
  });

  it('keeps Russian text with a few Kazakh names and titles Russian', () => {
    expect(detectLanguage(`${RU} Программу «Нұрлы жер» и проект «Бақытты отбасы» продлят в области Ұлытау.`)).toBe('ru');
    expect(detectLanguage('Аким Қасымбек Жұмабекұлы встретился с жителями.')).toBe('ru');
  });

  it('calls a text with a real part in each language mixed', () => {
    expect(detectLanguage(`${KK}\n\n${RU} ${RU} ${RU}`)).toBe('mixed');
    expect(detectLanguage(`${KK} ${KK}\n\n${RU}`)).toBe('mixed');
  });

  it('counts Kazakh sentences that have few Kazakh-only letters as Kazakh', () => {
    expect(detectLanguage('Кез келген адам әкім, министр бола алады, ал, бірақ кез-келген адам ұстаз бола алмайды.')).toBe('kk');
  });

  it('falls back to Russian when there are no Cyrillic words', () => {
    expect(detectLanguage('Fitch Ratings BBB+ 2025')).toBe('ru');
    expect(detectLanguage('')).toBe('ru');
  });
});
