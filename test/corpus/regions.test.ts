import { describe, expect, it } from 'vitest';
import { detectRegions, regionName, REGIONS } from '../../src/corpus/regions.js';

describe('REGIONS', () => {
  it('lists the 17 oblasts and the 3 cities of republican significance with unique ids', () => {
    expect(REGIONS.filter((r) => r.kind === 'oblast')).toHaveLength(17);
    expect(REGIONS.filter((r) => r.kind === 'city').map((r) => r.name)).toEqual(['Астана', 'Алматы', 'Шымкент']);
    expect(new Set(REGIONS.map((r) => r.id)).size).toBe(20);
  });

  it('names a region in Russian and rejects unknown ids', () => {
    expect(regionName('akmola')).toBe('Акмолинская область');
    expect(regionName('almaty')).toBe('Алматы');
    expect(() => regionName('mars')).toThrow(/regions: unknown region id "mars"/);
  });
});

describe('detectRegions', () => {
  it.each([
    ['в Акмолинской области', 'akmola'],
    ['Акмолинскую область', 'akmola'],
    ['Акмола облысы', 'akmola'],
    ['Ақмола облысында', 'akmola'],
    ['в Кокшетау', 'akmola'],
    ['из Актюбинского водохранилища', 'aktobe'],
    ['Восточно-Казахстанской области', 'east-kazakhstan'],
    ['Шығыс Қазақстан облысы', 'east-kazakhstan'],
    ['в Усть-Каменогорске', 'east-kazakhstan'],
    ['Батыс Қазақстан облысында', 'west-kazakhstan'],
    ['в Уральске', 'west-kazakhstan'],
    ['Северо-Казахстанская', 'north-kazakhstan'],
    ['Карагандинской области', 'karaganda'],
    ['Қарағанды облысы', 'karaganda'],
    ['Костанайской', 'kostanay'],
    ['Кызылординской области', 'kyzylorda'],
    ['Маңғыстау облысы', 'mangystau'],
    ['Павлодарской', 'pavlodar'],
    ['Туркестанскую область', 'turkistan'],
    ['Атырауской', 'atyrau'],
    ['в области Абай', 'abai'],
    ['Абай облысы', 'abai'],
    ['области Жетісу', 'zhetysu'],
    ['Ұлытау облысы', 'ulytau'],
    ['Жамбылская область', 'zhambyl'],
    ['в Таразе', 'zhambyl'],
    ['в Астане', 'astana'],
    ['Астанада', 'astana'],
    ['город Нур-Султан', 'astana'],
    ['в Шымкенте', 'shymkent'],
    ['Шымкентте', 'shymkent'],
  ])('%s → %s', (text, id) => {
    expect(detectRegions(text)).toEqual([id]);
  });

  it('tells the city of Almaty from the Almaty region', () => {
    expect(detectRegions('в Алматы')).toEqual(['almaty']);
    expect(detectRegions('Алматыда өтті')).toEqual(['almaty']);
    expect(detectRegions('Алматинцы стали первыми')).toEqual(['almaty']);
    expect(detectRegions('алматинский бизнес')).toEqual(['almaty']);
    expect(detectRegions('в Алматинской области')).toEqual(['almaty-region']);
    expect(detectRegions('Алматы облысы')).toEqual(['almaty-region']);
    expect(detectRegions('Алматы облысының әкімі')).toEqual(['almaty-region']);
    expect(detectRegions('в Конаеве')).toEqual(['almaty-region']);
  });

  it('reads the oblast word after a list of names', () => {
    expect(detectRegions('в Алматинской и Жамбылской областях')).toEqual(['almaty-region', 'zhambyl']);
    expect(detectRegions('Алматы және Жетісу облыстарында')).toEqual(['almaty-region', 'zhetysu']);
  });

  it('recognises ВКО, СКО, ЗКО only as upper-case abbreviations', () => {
    expect(detectRegions('ВКО, СКО и ЗКО')).toEqual(['east-kazakhstan', 'north-kazakhstan', 'west-kazakhstan']);
    expect(detectRegions('высоко, близко')).toEqual([]);
  });

  it('counts the Astana reservoir in the Akmola region, not the capital', () => {
    expect(detectRegions('из Астанинского водохранилища сбрасывается вода')).toEqual(['akmola']);
    expect(detectRegions('астанинский акимат')).toEqual(['astana']);
  });

  it('ignores people, streets and common words that share a name with a region', () => {
    expect(detectRegions('на ул. Абая, в школе им. Жамбыла, в Жетысуском районе, для многодетных семей')).toEqual([]);
    expect(detectRegions('в Уральских горах')).toEqual([]);
    expect(detectRegions('Республика Казахстан')).toEqual([]);
  });

  it('lists regions in order of first mention, once each', () => {
    expect(detectRegions('В Шымкенте и Астане, затем снова в Шымкенте и в Акмолинской области')).toEqual([
      'shymkent',
      'astana',
      'akmola',
    ]);
  });
  it('reads "обл" typed without its dot as the oblast word', () => {
    expect(detectRegions('сколько народу живет в алматинской обл')).toEqual(['almaty-region']);
    expect(detectRegions('газификация акмолинской обл')).toEqual(['akmola']);
    expect(detectRegions('облигации Алматы')).toEqual(['almaty']);
  });

  it('finds names in any case and names that start inside or around another name', () => {
    expect(detectRegions('ИЗ АСТАНИНСКОГО ВОДОХРАНИЛИЩА, А ЗАТЕМ В АСТАНУ И ПАВЛОДАР')).toEqual(['akmola', 'astana', 'pavlodar']);
    // "Астан" inside "Астанинск", "Алматы" inside "Алматинск…": each rule still sees its own name.
    expect(detectRegions('астанинский акимат и Алматинская область')).toEqual(['astana', 'almaty-region']);
    expect(detectRegions('Нур-Султан и Алма-Ата')).toEqual(['astana', 'almaty']);
  });
});

describe('the land around a city of its own', () => {
  it('reads "под Астаной", "под Алматы", "под Шымкентом" as the oblast around the city, "в Астане" as the city', () => {
    expect(detectRegions('В какие сёла под Астаной проведут газ?')).toEqual(['akmola']);
    expect(detectRegions('Дачи под Алматы затопило')).toEqual(['almaty-region']);
    expect(detectRegions('Теплицы под Шымкентом')).toEqual(['turkistan']);
    expect(detectRegions('В Астане открыли школу')).toEqual(['astana']);
  });

  it('reads an oblast by its "-щина" name ("на Жамбылщине", "Карагандинщина")', () => {
    expect(detectRegions('Сколько школ открыли на Жамбылщине?')).toEqual(['zhambyl']);
    expect(detectRegions('Карагандинщина принимает гостей')).toEqual(['karaganda']);
    expect(detectRegions('Алматинщину ждут дожди')).toEqual(['almaty-region']);
  });
});
