// Who may do what: the scopes of API keys, shared by the settings that configure keys and the API that checks them.

/** What a key may do: POST /v1/posts, POST /v1/reports, the operator's routes, and keyed reads. */
export const SCOPES = ['ingest', 'reports', 'admin', 'read'] as const;
export type Scope = (typeof SCOPES)[number];

/** One configured key: the key itself exists only until the KeyRing is built from it. */
export interface ApiKeyConfig {
  key: string;
  scopes: readonly Scope[];
}
