import React from 'react';
import { Badge, BadgeColor } from '@grafana/ui';

const colors: Record<string, BadgeColor> = { critical: 'red', high: 'orange', medium: 'blue', low: 'green' };

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge text={severity} color={colors[severity] ?? 'darkgrey'} />;
}

const statusColors: Record<string, BadgeColor> = {
  open: 'red',
  ack: 'orange',
  resolved: 'green',
  suppressed: 'darkgrey',
  pending_approval: 'orange',
  succeeded: 'green',
  dry_run: 'blue',
  failed: 'red',
  rolled_back: 'purple',
  rejected: 'darkgrey',
  running: 'blue',
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge text={status} color={statusColors[status] ?? 'darkgrey'} />;
}
