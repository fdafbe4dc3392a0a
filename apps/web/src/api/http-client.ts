import { ApiError, isApiErrorBody } from './api-error';
import { readSession } from './session-storage';

export const API_BASE = '/api/v1';

type UnauthorizedListener = (error: ApiError) => void;
let onUnauthorized: UnauthorizedListener = () => undefined;

/** The session layer registers here so that any 401, from any request, ends the session once. */
export function setUnauthorizedListener(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** `text` for endpoints answering text/x-diff and the like. */
  responseType?: 'json' | 'text';
  signal?: AbortSignal;
  /** Sign-in itself must not trigger the session-expired flow. */
  anonymous?: boolean;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    accept: options.responseType === 'text' ? 'text/plain, */*' : 'application/json',
  };
  const token = options.anonymous ? undefined : readSession()?.token;
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(buildUrl(path, options.query), {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (!response.ok) throw await toApiError(response, options.anonymous === true);
  return response;
}

async function toApiError(response: Response, anonymous: boolean): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = new ApiError(
    response.status,
    isApiErrorBody(body)
      ? body
      : {
          statusCode: response.status,
          error: response.statusText,
          message: `Request failed with status ${response.status}`,
        },
  );
  if (error.isUnauthorized && !anonymous) onUnauthorized(error);
  return error;
}

export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, { ...options, responseType: 'json' });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function requestText(path: string, options: RequestOptions = {}): Promise<string> {
  const response = await send(path, { ...options, responseType: 'text' });
  return response.text();
}

export async function requestBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  const response = await send(path, { ...options, responseType: 'text' });
  return response.blob();
}
