import type { HandbookSource } from '../domain/frameworks/handbook.js';
import { storeOnce, type BuiltFile, type StoredFile } from './public-files.js';

/**
 * 평가 편람 PDFs, built once per framework version and language and then sent as stored bytes (the same single
 * flight and ETag as the other public files, src/server/public-files.ts). The stored files of a version hang on one
 * owner object per version; only the most recent versions asked for are kept, so drafts saved again and again (each
 * a new hash) cannot grow the store without bound — a forgotten version is garbage-collected with its owner.
 */
const KEPT_VERSIONS = 32;
/** Per installation (an app's database): two apps in one process (tests) never share a handbook. */
const scopes = new WeakMap<object, Map<string, object>>();

function ownerOf(scope: object, id: string): object {
  let owners = scopes.get(scope);
  if (!owners) scopes.set(scope, (owners = new Map()));
  let owner = owners.get(id);
  if (owner) {
    // Most recently used last: the first entry is the one to forget.
    owners.delete(id);
  } else owner = {};
  owners.set(id, owner);
  while (owners.size > KEPT_VERSIONS) owners.delete(owners.keys().next().value!);
  return owner;
}

/**
 * The stored handbook of a framework version in one language, built by `build` the first time it is asked for.
 * `scope` is the installation (the app's database object); the demo flag is part of the key since it is printed.
 */
export function storedHandbook(scope: object, s: HandbookSource, lang: string, build: () => Promise<BuiltFile>): Promise<StoredFile> {
  const id = `${s.year}:${s.version}:${s.definitionHash}:${s.demo ? 'demo' : 'real'}`;
  return storeOnce(ownerOf(scope, id), `handbook.pdf:${id}:${lang}`, build);
}
