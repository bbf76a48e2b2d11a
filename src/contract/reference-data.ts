import { z } from 'zod';
import { bilingual, unitCode, year } from './common.js';

/** The words the installation calls a level's units by ('구'/'자치구'/'district'; '시·군'/'city or county'). */
export const unitLevelSchema = z.object({
  kind: z.enum(['city', 'district']).describe("'city': the evaluating administration; 'district': the evaluated units"),
  depth: z.number().int(),
  nameKo: z.string().describe('formal name of the level: 자치구, 시·군'),
  nounKo: z.string().describe('short noun in counts and titles: 구 ("7개 구", "우수구"), 시·군'),
  nameEn: z.string(),
  pluralEn: z.string(),
});

export const unitWordsSchema = z.object({
  nounKo: z.string(),
  nameKo: z.string(),
  nameEn: z.string(),
  pluralEn: z.string(),
  parentNounKo: z.string(),
});

export const referenceDataSchema = z.object({
  levels: z.array(unitLevelSchema),
  words: unitWordsSchema,
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      kind: z.enum(['city', 'district']),
      levelName: bilingual,
      parentCode: z.string().nullable(),
      groups: z.record(z.string(), z.string()).describe("peer groups by grouping ('유형' → '도시형')"),
    }),
  ),
  years: z.array(z.number().int()),
  cycleYears: z.array(z.number().int()),
  populations: z.array(z.object({ code: z.string(), year: z.number().int(), population: z.number().int() })),
  missing: z.array(z.object({ code: z.string(), year: z.number().int() })).describe('evaluated units without a population in a shown year'),
});

export const populationYearParams = z.object({ year });
export const populationYearSchema = z.object({
  year: z.number().int(),
  populations: z.array(z.object({ code: z.string(), name: z.string(), population: z.number().int().nullable() })),
});

export const populationEditParams = z.object({ year, code: unitCode });
export const populationEditBody = z.object({ population: z.number().int().min(1).max(100_000_000) });
export const populationEditSchema = z.object({
  code: z.string(),
  year: z.number().int(),
  population: z.number().int(),
  previous: z.number().int().nullable(),
});

export const populationImportSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  rows: z.number().int().describe('(unit, year) figures written, new or replaced'),
  years: z.array(z.number().int()),
});

const word = z.string().trim().min(1).max(40);
export const levelWordsParams = z.object({ kind: z.enum(['city', 'district']) });
export const levelWordsBody = z.object({ nameKo: word, nounKo: word, nameEn: word, pluralEn: word });

export const unitGroupsParams = z.object({ code: unitCode });
export const unitGroupsBody = z.object({
  groups: z.record(word, word).describe("grouping → group, e.g. { '유형': '농촌형' }; a grouping left out is removed"),
});
export const unitGroupsSchema = unitGroupsBody;
