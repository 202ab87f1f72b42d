import { PLUGIN_BASE_URL } from '../constants';

/** A page of this app, as a Grafana URL. */
export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}
