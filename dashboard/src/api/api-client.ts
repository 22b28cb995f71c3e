import type { DeviceView, NightResponse, NightsResponse } from './types.ts';

/** An answer other than 2xx, with the service's stable error code (`docs/api.md`, "Errors"). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The routes of the HTTP API the dashboard reads. */
export interface ApiClient {
  devices(): Promise<DeviceView[]>;
  /** Nights of one device, oldest first; `from`/`to` are YYYY-MM-DD, both included. */
  nights(device: string, range?: { from?: string; to?: string }): Promise<NightsResponse>;
  /** One night's timeline at about `points` buckets, its summary and events. */
  night(device: string, date: string, points: number): Promise<NightResponse>;
}

export interface ApiClientDeps {
  /** Where the service is; the page's own origin in production. */
  readonly baseUrl: string;
  /** The bearer token, read at each request (it may be replaced while the page is open). */
  readonly token: () => string | null;
  readonly fetch?: typeof fetch;
}

/** Every request sends `Authorization: Bearer <token>`; a failure becomes an {@link ApiError}. */
export function createApiClient(deps: ApiClientDeps): ApiClient {
  const fetchFn = deps.fetch ?? ((input, init) => fetch(input, init));
  const get = async <T>(path: string, query: Record<string, string | number | undefined> = {}) => {
    const url = new URL(path, deps.baseUrl);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    const token = deps.token();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers['authorization'] = `Bearer ${token}`;
    const response = await fetchFn(url, { headers });
    if (!response.ok) throw await toApiError(response);
    return (await response.json()) as T;
  };
  const device = (id: string) => `api/v1/devices/${encodeURIComponent(id)}`;
  return {
    devices: async () => (await get<{ devices: DeviceView[] }>('api/v1/devices')).devices,
    nights: (id, range = {}) => get<NightsResponse>(`${device(id)}/nights`, range),
    night: (id, date, points) =>
      get<NightResponse>(`${device(id)}/nights/${encodeURIComponent(date)}`, { points }),
  };
}

async function toApiError(response: Response): Promise<ApiError> {
  let code = 'http_error';
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // Not the API's JSON error (a proxy's page, say): keep the status line.
  }
  return new ApiError(response.status, code, message);
}
