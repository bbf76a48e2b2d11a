import { apiUrl, refreshCsrfToken } from './api-client.js';
import { getCsrfToken } from './csrf-token.js';
import { i18n } from './i18n.js';
import { ApiError, parseProblemDetails } from './problem-details.js';

/** How far an upload has gone: bytes sent of the total (the request body, so a little more than the file). */
export interface UploadProgress {
  loaded: number;
  total: number;
  /** 0–1. */
  fraction: number;
}

export interface UploadOptions {
  /** The form field the server reads the file from. */
  field?: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function send<T>(path: string, file: File, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', i18n.language === 'en' ? 'en, ko;q=0.5' : 'ko, en;q=0.5');
    const csrf = getCsrfToken();
    if (csrf !== null) xhr.setRequestHeader('x-csrf-token', csrf);

    xhr.upload.onprogress = (event) => {
      if (!event.lengthComputable) return;
      options.onProgress?.({ loaded: event.loaded, total: event.total, fraction: event.total === 0 ? 1 : event.loaded / event.total });
    };
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(new ApiError(parseProblemDetails(body, xhr.status, xhr.statusText)));
    };
    xhr.onerror = () => reject(new ApiError({ type: 'about:blank#network', title: i18n.t('errors.network'), status: 0, errors: [] }));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));

    if (options.signal !== undefined) {
      if (options.signal.aborted) {
        reject(new DOMException('The upload was cancelled.', 'AbortError'));
        return;
      }
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }

    const form = new FormData();
    form.append(options.field ?? 'file', file, file.name);
    xhr.send(form);
  });
}

/**
 * Uploads one file as multipart/form-data, reporting progress as the bytes leave the browser (fetch cannot report
 * upload progress; XMLHttpRequest can). Same contract as `apiFetch`: cookies, language, CSRF token (read again from
 * `/me` once when refused), and an {@link ApiError} with the server's problem details on failure.
 */
export async function uploadFile<T>(path: string, file: File, options: UploadOptions = {}): Promise<T> {
  try {
    return await send<T>(path, file, options);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403 || error.code !== 'csrf') throw error;
    if (!(await refreshCsrfToken(options.signal))) throw error;
    return send<T>(path, file, options);
  }
}
