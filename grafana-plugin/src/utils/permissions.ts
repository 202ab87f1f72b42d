import { config } from '@grafana/runtime';

/**
 * Viewers read; editors and admins act (acknowledge, resolve, approve, execute), as in the seed's console.
 * The plugin's proxy routes enforce the same split on the server (plugin.json reqRole), so this only keeps
 * buttons away from people who could not use them.
 */
export function canAct(): boolean {
  const user = config.bootData?.user;
  return Boolean(user && (user.isGrafanaAdmin || user.orgRole === 'Editor' || user.orgRole === 'Admin'));
}
