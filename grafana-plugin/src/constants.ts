import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;

/** Grafana forwards this prefix to the AiOps API with the key from the app's secure settings (plugin.json routes). */
export const API_PROXY_BASE = `/api/plugin-proxy/${pluginJson.id}/aiops`;

export enum ROUTES {
  Incidents = 'incidents',
  Approvals = 'approvals',
  Silences = 'silences',
  Actions = 'actions',
  Policy = 'policy',
}

export const INCIDENTS_REFRESH_MS = 30_000;
