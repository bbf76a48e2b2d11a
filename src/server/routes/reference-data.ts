import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  levelWordsBody,
  levelWordsParams,
  populationEditBody,
  populationEditParams,
  populationEditSchema,
  populationImportSchema,
  populationYearParams,
  populationYearSchema,
  referenceDataSchema,
  unitGroupsBody,
  unitGroupsParams,
  unitGroupsSchema,
} from '../../contract/reference-data.js';
import { noContent } from '../../contract/common.js';
import { DomainError } from '../../domain/errors.js';
import { editPopulation, importPopulationFile, populationsOfYear, referenceData, setLevelWords, setUnitGroups } from '../../domain/org-units.js';
import type { AppContext } from '../context.js';

const CITY = { roles: ['city_admin'] as const };
/** Population files are a few hundred rows; anything much larger is not one. */
const MAX_POPULATION_FILE = 2 * 1024 * 1024;

function invalidUpload(code: string, ko: string, en: string): DomainError {
  return new DomainError('invalid', code, { ko, en }, [{ path: 'file', message: { ko, en } }]);
}

export const referenceDataRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_POPULATION_FILE, files: 1, fields: 5, parts: 6, headerPairs: 100 } });

    app.get(
      '/api/v1/reference-data',
      {
        config: { access: CITY },
        schema: {
          tags: ['reference-data'],
          summary: '기준 자료 / the unit levels and their words, units with level and peer groups, populations per year and the missing ones',
          response: { 200: referenceDataSchema },
        },
      },
      async (req) => referenceData(db, req.principal),
    );

    app.get(
      '/api/v1/populations/:year',
      {
        config: { access: CITY },
        schema: {
          tags: ['reference-data'],
          summary: '연도별 인구 / one year’s populations of the evaluated units (null where none is loaded)',
          params: populationYearParams,
          response: { 200: populationYearSchema },
        },
      },
      async (req) => populationsOfYear(db, req.principal, req.params.year),
    );

    app.post(
      '/api/v1/populations/import',
      {
        config: { access: CITY },
        schema: {
          tags: ['reference-data'],
          summary:
            '인구 가져오기 / import populations as the resident-registration statistics publish them (code, name, year, value): CSV (UTF-8 with or without BOM, or CP949) or .xlsx (first sheet). Any bad row → 400 listing every one with row and column; nothing is written.',
          consumes: ['multipart/form-data'],
          response: { 201: populationImportSchema },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw invalidUpload('file_required', 'multipart/form-data로 파일을 올리세요.', 'Upload the file as multipart/form-data.');
        let part;
        let bytes: Buffer;
        try {
          part = await req.file();
          if (!part) throw invalidUpload('file_required', '파일이 없습니다.', 'No file was uploaded.');
          bytes = await part.toBuffer();
        } catch (err) {
          if (err instanceof DomainError) throw err;
          const e = err as { statusCode?: number; syscall?: string };
          if (e.syscall) throw err;
          if (e.statusCode === 413 || part?.file.truncated)
            throw invalidUpload('file_too_large', '파일이 너무 큽니다 (최대 2MB).', 'The file is too large (at most 2 MB).');
          throw invalidUpload('malformed_upload', '올린 내용을 읽을 수 없습니다. 파일을 다시 올리세요.', 'The upload cannot be read. Upload the file again.');
        }
        const result = await importPopulationFile(db, req.principal, { fileName: part.filename || 'upload', bytes });
        return reply.code(201).send(result);
      },
    );

    app.put(
      '/api/v1/populations/:year/:code',
      {
        config: { access: CITY },
        schema: {
          tags: ['reference-data'],
          summary: '인구 수정 / set one unit’s population of one year (audited with the previous figure)',
          params: populationEditParams,
          body: populationEditBody,
          response: { 200: populationEditSchema },
        },
      },
      async (req) => editPopulation(db, req.principal, { code: req.params.code, year: req.params.year, population: req.body.population }),
    );

    app.put(
      '/api/v1/unit-levels/:kind',
      {
        config: { access: CITY },
        schema: {
          tags: ['reference-data'],
          summary: "단위 명칭 / what the units of a level are called ('district': 자치구/구/district; a province: 시·군/시·군/city or county), audited",
          params: levelWordsParams,
          body: levelWordsBody,
          response: { 204: noContent },
        },
      },
      async (req, reply) => {
        await setLevelWords(db, req.principal, req.params.kind, req.body);
        return reply.code(204).send(null);
      },
    );

    app.put(
      '/api/v1/org-units/:code/groups',
      {
        config: { access: CITY },
        schema: {
          tags: ['reference-data'],
          summary: '비교 집단 / a unit’s peer groups (grouping → group), used by award tiers given per group; audited',
          params: unitGroupsParams,
          body: unitGroupsBody,
          response: { 200: unitGroupsSchema },
        },
      },
      async (req) => ({ groups: await setUnitGroups(db, req.principal, req.params.code, req.body.groups) }),
    );
  };
